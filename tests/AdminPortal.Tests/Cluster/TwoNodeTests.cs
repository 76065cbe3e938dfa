using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Data;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Api;
using AdminPortal.Tests.Exports.Cluster;
using AdminPortal.Tests.Infrastructure;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminPortal.Tests.Cluster;

/// <summary>
/// Two real portal processes (the built AdminPortal.Web.dll, as an operator runs it) on one PostgreSQL database, with
/// the same settings and master key: a session and a form token of one node are good on the other, events sent to
/// either node land in the one store, and a node killed with SIGKILL mid-run has its run marked Interrupted by the other
/// once Quartz finds it dead (check-ins every second here). Exports go to s3rver, read back object by object.
/// </summary>
public sealed class TwoNodeTests(StoragePeers peers) : IAsyncLifetime, IClassFixture<StoragePeers>
{
    private const string AdminEmail = "admin@example.test";
    private const string AdminPassword = "Cluster-Admin-Password-42";
    private readonly string masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private readonly List<PortalProcess> nodes = [];
    // This test's own folder in the s3rver bucket the class shares.
    private readonly string bucketPrefix = "two-nodes-" + Guid.NewGuid().ToString("N")[..8];
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
    public async Task A_portal_process_on_PostgreSQL_answers_its_health_check_and_its_sign_in_page()
    {
        var node = await StartNodeAsync();
        using var client = new HttpClient { BaseAddress = node.BaseUrl };

        var health = await client.GetAsync("/healthz");
        var signIn = await client.GetAsync("/signin");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Input.Password", await signIn.Content.ReadAsStringAsync());
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
        var token = await IssueTokenAsync(ApiScopes.AuditIngest);
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
        // The audit event is written just after the status (a separate write): waited for, then checked to stay single.
        for (var deadline = DateTime.UtcNow.AddSeconds(10); await ClusterRows.AuditedAsync(database, "nightly", "ExportRunInterrupted") == 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await ClusterRows.AuditedAsync(database, "nightly", "ExportRunInterrupted"));
    }

    [Fact]
    public async Task A_schedule_due_now_fires_once_across_two_nodes_and_delivers_each_event_once()
    {
        var a = await StartNodeAsync();
        using var api = await ApiAsync(a);
        await IngestAsync(api, "fire", 200);
        var (integration, workbook, element) = await ExportSetupAsync(api, "fire");
        // A daily cron at a second ahead, made on A before B starts: B knows the schedule only from the shared store
        // (a node scheduling on its own would load it at its start and fire it too). Either node's scheduler may take it.
        var at = DateTime.UtcNow.AddSeconds(25);
        var schedule = (await (await api.PostJsonAsync("/api/schedules", new
        {
            workbookId = workbook, tableElementId = element, integrationId = integration, uriTemplate = "fire/{run}-{part}.csv",
            format = "Csv", gzip = false, mode = "Incremental", frequencyKind = "Cron", cron = $"{at.Second} {at.Minute} {at.Hour} * * ?", timeZoneId = "UTC",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var b = await StartNodeAsync();
        await CheckedInAsync(count: 2);
        Assert.True(DateTime.UtcNow < at.AddSeconds(-1), "B started too late to take part in the firing");

        var run = await FinishedRunAsync(schedule, TimeSpan.FromSeconds(60));
        // Time for a second node's firing of the same trigger to show, as a run or as a skipped firing in its log.
        await Task.Delay(TimeSpan.FromSeconds(4));

        Assert.Equal(ExportRunStatus.Succeeded, run.Status);
        Assert.Equal(ExportTrigger.Scheduled, run.Trigger);
        await using (var db = database.NewContext())
        {
            Assert.Single(await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == schedule).ToListAsync());
        }

        foreach (var node in new[] { a, b })
        {
            Assert.DoesNotContain(node.Output.Split('\n'), line => line.Contains(schedule.ToString(), StringComparison.Ordinal) && line.Contains("skipped", StringComparison.Ordinal));
        }

        AssertEachOnce("fire", 200, await ExportedEventIdsAsync("fire/"));
    }

    [Fact]
    public async Task A_node_killed_mid_export_has_its_run_marked_Interrupted_by_the_other_whose_next_run_delivers_each_event_once()
    {
        // Many small objects: the run takes seconds, long enough to kill its node in the middle.
        var slow = new Dictionary<string, string> { ["Exports:PartMaxRows"] = "250", ["Exports:BatchSize"] = "250", ["Exports:ProgressIntervalSeconds"] = "0.1" };
        var a = await StartNodeAsync(slow);
        var aId = Assert.Single(await CheckedInAsync(count: 1));
        var b = await StartNodeAsync(slow);
        await CheckedInAsync(count: 2);
        using var toA = await ApiAsync(a);
        using var toB = await ApiAsync(b);
        const int events = 40_000;
        await IngestAsync(toA, "kill", events);
        var (integration, workbook, element) = await ExportSetupAsync(toA, "kill");
        var schedule = (await (await toA.PostJsonAsync("/api/schedules", new
        {
            workbookId = workbook, tableElementId = element, integrationId = integration, uriTemplate = "kill/{run}-{part}.csv",
            format = "Csv", gzip = false, mode = "Incremental", frequencyKind = "EveryHours", everyHours = 12,
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        var first = (await (await toA.PostAsync($"/api/schedules/{schedule}/send-now", null)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetGuid();
        for (var deadline = DateTime.UtcNow.AddSeconds(60); (await RunAsync(first)).ProgressRows == 0; await Task.Delay(20))
        {
            Assert.True(DateTime.UtcNow < deadline, "A's run made no progress within 60 s:\n" + a.Output);
        }

        await a.KillAsync();
        var killed = await RunAsync(first);
        Assert.Equal(aId, killed.OwnerNode);
        Assert.True(killed.Status == ExportRunStatus.Running && killed.ProgressRows < events, $"A's run was no longer mid-way when A was killed: {killed.Status}, {killed.ProgressRows} rows");
        for (var deadline = DateTime.UtcNow.AddSeconds(45); (await RunAsync(first)).Status == ExportRunStatus.Running; await Task.Delay(200))
        {
            Assert.True(DateTime.UtcNow < deadline, "B did not mark the killed node's run within 45 s:\n" + b.Output);
        }

        Assert.Equal(ExportRunStatus.Interrupted, (await RunAsync(first)).Status);
        var second = (await (await toB.PostAsync($"/api/schedules/{schedule}/send-now", null)).JsonAsync(HttpStatusCode.Accepted)).GetProperty("runId").GetGuid();
        var next = await FinishedAsync(second, TimeSpan.FromSeconds(90));

        Assert.Equal(ExportRunStatus.Succeeded, next.Status);
        Assert.NotEqual(aId, next.OwnerNode);
        Assert.Equal(events, next.Rows);
        AssertEachOnce("kill", events, await ExportedEventIdsAsync("kill/"));
    }

    /// <summary>A node as an operator starts one: the shared database, the shared master key, the same settings.</summary>
    private async Task<PortalProcess> StartNodeAsync(IDictionary<string, string>? more = null)
    {
        var node = await PortalProcess.StartAsync(new Dictionary<string, string>(more ?? new Dictionary<string, string>())
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = database.ConnectionString,
            ["Secrets:MasterKey"] = masterKey,
            ["Exports:ClusterCheckinSeconds"] = "1",
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            // A firing a node skips (already running, too soon) is logged at Information: the schedule test reads it.
            ["Logging:LogLevel:AdminPortal.Core.Exports.Scheduling"] = "Information",
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

    /// <summary>A token of the bootstrap Admin, stored as the API tokens page stores one (SHA-256, prefix, scopes).</summary>
    private async Task<string> IssueTokenAsync(string scopes)
    {
        var token = "apt_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO "ApiTokens" ("UserId", "Name", "Prefix", "Hash", "Scopes", "CreatedAtUtc", "CreatedBy")
            SELECT "Id", 'two nodes', @prefix, @hash, @scopes, now(), "Email" FROM "AspNetUsers" WHERE "NormalizedEmail" = @email
            """, connection);
        command.Parameters.AddWithValue("prefix", token[..10]);
        command.Parameters.AddWithValue("hash", SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        command.Parameters.AddWithValue("scopes", scopes);
        command.Parameters.AddWithValue("email", AdminEmail.ToUpperInvariant());
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
        return token;
    }

    /// <summary>An API client of <paramref name="node"/> with an Admin token (scope admin).</summary>
    private async Task<HttpClient> ApiAsync(PortalProcess node)
    {
        var client = new HttpClient { BaseAddress = node.BaseUrl, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueTokenAsync(ApiScopes.Admin));
        return client;
    }

    /// <summary><paramref name="count"/> events of datasource <paramref name="datasource"/> in the last hours, ids "datasource-i".</summary>
    private static async Task IngestAsync(HttpClient api, string datasource, int count)
    {
        var start = DateTime.UtcNow.AddHours(-3);
        for (var from = 0; from < count; from += 10_000)
        {
            var lines = Enumerable.Range(from, Math.Min(10_000, count - from)).Select(i =>
                $$"""{"eventId":"{{datasource}}-{{i}}","eventTime":"{{start.AddMilliseconds(i * 10):O}}","datasource":"{{datasource}}","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success"}""");
            var response = await api.PostAsync("/api/audit-events?atomic=true", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>An S3 integration on s3rver and a workbook of the datasource's events, through the API.</summary>
    private async Task<(Guid Integration, int Workbook, int Element)> ExportSetupAsync(HttpClient api, string datasource)
    {
        var integration = (await (await api.PostJsonAsync("/api/integrations", new
        {
            name = $"s3_{datasource}",
            authMethod = "AwsAccessKey",
            destination = new { bucket = StoragePeers.S3Bucket, prefix = $"{bucketPrefix}/", region = "us-east-1", serviceUrl = peers.S3Url.AbsoluteUri, pathStyle = true },
            accessKeyId = StoragePeers.S3AccessKeyId,
            secret = "s3rver-ignores-this-secret",
        })).JsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var workbook = await (await api.PostJsonAsync("/api/workbooks", new
        {
            name = $"Export {datasource}",
            element = new { name = "All audit events", state = new { range = "30d", filters = new[] { new { column = "Datasource", @operator = "Equals", value = datasource } } } },
        })).JsonAsync(HttpStatusCode.Created);
        return (integration, workbook.GetProperty("id").GetInt32(), workbook.GetProperty("elementId").GetInt32());
    }

    /// <summary>The event ids in every object committed under <paramref name="folder"/> (manifests aside), as often as they occur.</summary>
    private async Task<List<string>> ExportedEventIdsAsync(string folder)
    {
        using var storage = peers.Factory.Create(peers.S3($"{bucketPrefix}/"));
        var ids = new List<string>();
        await foreach (var o in storage.ListAsync(folder, CancellationToken.None))
        {
            await using var read = await storage.OpenReadAsync(o.Key, CancellationToken.None);
            using var text = new StreamReader(read);
            var content = await text.ReadToEndAsync();
            ids.AddRange(Regex.Matches(content, @"\b" + Regex.Escape(folder.TrimEnd('/')) + @"-\d+\b").Select(m => m.Value));
        }

        return ids;
    }

    private static void AssertEachOnce(string datasource, int count, List<string> ids)
    {
        Assert.Equal(count, ids.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{datasource}-{i}").Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    private async Task<ExportRun> RunAsync(Guid id)
    {
        await using var db = database.NewContext();
        return await db.ExportRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<ExportRun> FinishedAsync(Guid id, TimeSpan within)
    {
        for (var deadline = DateTime.UtcNow + within; ; await Task.Delay(200))
        {
            var run = await RunAsync(id);
            if (run.Status != ExportRunStatus.Running || DateTime.UtcNow > deadline)
            {
                return run;
            }
        }
    }

    /// <summary>The schedule's first run, once it has ended (the firing is up to either node's scheduler).</summary>
    private async Task<ExportRun> FinishedRunAsync(Guid schedule, TimeSpan within)
    {
        for (var deadline = DateTime.UtcNow + within; ; await Task.Delay(200))
        {
            await using var db = database.NewContext();
            var run = await db.ExportRuns.AsNoTracking().Where(r => r.ScheduleId == schedule).OrderBy(r => r.StartedAtUtc).FirstOrDefaultAsync();
            Assert.True(run is not null || DateTime.UtcNow < deadline, "The schedule did not fire within " + within);
            if (run is not null && (run.Status != ExportRunStatus.Running || DateTime.UtcNow > deadline))
            {
                return run;
            }
        }
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
