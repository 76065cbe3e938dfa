using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Exports.Cluster;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Infrastructure.Databases;
using Npgsql;

namespace AdminPortal.Tests.Cluster;

/// <summary>
/// Two real portal processes (the built AdminPortal.Web.dll, as an operator runs it) on one PostgreSQL database, with
/// the same settings and master key: a session and a form token of one node are good on the other, events sent to
/// either node land in the one store, and a node killed with SIGKILL mid-run has its run marked Interrupted by the other
/// once Quartz finds it dead (check-ins every second here).
/// </summary>
public sealed class TwoNodeTests : IAsyncLifetime
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Cluster-Admin-Password-42";
    private readonly string masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<PortalProcess> nodes = [];
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);

    public async Task DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_user_signed_in_on_node_A_is_recognised_on_node_B_and_a_sign_in_form_of_A_is_accepted_by_B()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

        // The sign-in form from A, posted to B: B validates A's antiforgery cookie and token, and signs the user in.
        var form = await client.GetAsync(new Uri(a.BaseUrl, "/signin?ReturnUrl=%2F"));
        var antiforgery = Cookies(form, "AdminPortal.Antiforgery");
        var post = new HttpRequestMessage(HttpMethod.Post, new Uri(b.BaseUrl, "/signin?ReturnUrl=%2F"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
                ["Input.Email"] = AdminEmail,
                ["Input.Password"] = AdminPassword,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location?.OriginalString);
        var session = Cookies(signIn, "AdminPortal.Auth");
        Assert.NotEmpty(session);

        // The session cookie B issued, replayed to each node: both know the user.
        foreach (var node in new[] { a, b })
        {
            var page = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseUrl, "/admin/users"));
            page.Headers.Add("Cookie", session);
            var response = await client.SendAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Events_sent_to_either_node_land_once_in_the_one_store()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        var token = await IssueIngestTokenAsync();
        using var client = new HttpClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var toA = await client.PostAsync(new Uri(a.BaseUrl, "/api/audit-events"), Events("a", 3));
        var toB = await client.PostAsync(new Uri(b.BaseUrl, "/api/audit-events"), Events("b", 2));
        // The same events again, through the other node: deduplicated by event id across nodes.
        var againThroughB = await client.PostAsync(new Uri(b.BaseUrl, "/api/audit-events"), Events("a", 3));

        Assert.True(toA.IsSuccessStatusCode, await toA.Content.ReadAsStringAsync());
        Assert.True(toB.IsSuccessStatusCode, await toB.Content.ReadAsStringAsync());
        Assert.True(againThroughB.IsSuccessStatusCode, await againThroughB.Content.ReadAsStringAsync());
        await using var db = database.NewContext();
        var stored = db.AuditEvents.Where(e => e.Datasource == "two-nodes").Select(e => e.EventId).OrderBy(e => e).ToList();
        Assert.Equal(["a-0", "a-1", "a-2", "b-0", "b-1"], stored);
    }

    [Fact]
    public async Task A_node_killed_mid_run_has_its_run_marked_Interrupted_once_by_the_other_node_after_its_missed_check_ins()
    {
        var a = await StartNodeAsync();
        var aId = Assert.Single(await CheckedInAsync(count: 1));
        var schedule = await ClusterRows.ScheduleAsync(database, "nightly");
        var run = ClusterRows.NewRun(schedule, aId, startedAgo: TimeSpan.FromMinutes(1));
        await ClusterRows.InsertAsync(database, run);

        // B joins while A runs: it leaves A's run alone, at its start and while A checks in.
        var b = await StartNodeAsync();
        await CheckedInAsync(count: 2);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(ExportRunStatus.Running, await ClusterRows.StatusAsync(database, run));

        await a.KillAsync();
        var killed = Stopwatch.StartNew();
        while (await ClusterRows.StatusAsync(database, run) == ExportRunStatus.Running)
        {
            Assert.True(killed.Elapsed < TimeSpan.FromSeconds(45), "B did not mark the killed node's run within 45 s:\n" + b.Output);
            await Task.Delay(200);
        }

        Assert.Equal(ExportRunStatus.Interrupted, await ClusterRows.StatusAsync(database, run));
        Assert.DoesNotContain(aId, await CheckedInAsync());
        // The audit event is written just after the row is marked: wait for it, then make sure no second one follows
        // (B sweeps every check-in, and each sweep could have marked the run again).
        var audited = Stopwatch.StartNew();
        while (await ClusterRows.AuditedAsync(database, "nightly", "ExportRunInterrupted") == 0 && audited.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(200);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await ClusterRows.AuditedAsync(database, "nightly", "ExportRunInterrupted"));
    }

    /// <summary>A node as an operator starts one: the shared database, the shared master key, the same settings.</summary>
    private async Task<PortalProcess> StartNodeAsync()
    {
        var node = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = database.ConnectionString,
            ["Secrets:MasterKey"] = masterKey,
            ["Exports:ClusterCheckinSeconds"] = "1",
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
        });
        nodes.Add(node);
        return node;
    }

    /// <summary>The nodes in Quartz's check-in table, once there are <paramref name="count"/> (Quartz starts after the web host).</summary>
    private async Task<List<string>> CheckedInAsync(int count)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(30); ; await Task.Delay(200))
        {
            List<string> ids;
            try
            {
                ids = await CheckedInAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                ids = []; // Quartz has not made its tables yet
            }

            if (ids.Count >= count || DateTime.UtcNow > deadline)
            {
                return ids;
            }
        }
    }

    private async Task<List<string>> CheckedInAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>An ingestion token of the bootstrap Admin, stored as the API tokens page stores one (SHA-256, prefix, scopes).</summary>
    private async Task<string> IssueIngestTokenAsync()
    {
        var token = "apt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "ApiTokens" ("UserId", "Name", "Prefix", "Hash", "Scopes", "CreatedAtUtc", "CreatedBy")
            SELECT "Id", 'two nodes', @prefix, @hash, 'audit:ingest', now(), "Email" FROM "AspNetUsers" WHERE "NormalizedEmail" = @email
            """, connection);
        command.Parameters.AddWithValue("prefix", token[..10]);
        command.Parameters.AddWithValue("hash", SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        command.Parameters.AddWithValue("email", AdminEmail.ToUpperInvariant());
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return token;
    }

    private static StringContent Events(string prefix, int count)
    {
        var lines = Enumerable.Range(0, count).Select(i =>
            $$"""{"eventId":"{{prefix}}-{{i}}","eventTime":"2026-12-01T10:00:0{{i}}Z","datasource":"two-nodes","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success"}""");
        return new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
    }

    private static string Cookies(HttpResponseMessage response, string prefix) => string.Join("; ",
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [])
            .Select(c => c.Split(';')[0]).Where(c => c.StartsWith(prefix, StringComparison.Ordinal)));
}
