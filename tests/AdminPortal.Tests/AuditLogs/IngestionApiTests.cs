using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>POST /api/audit-events and /api/audit-events/csv through the real pipeline, token auth and SQLite store.</summary>
/// <summary>Ingestion over HTTP into the store of each provider (<see cref="SqliteIngestionApiTests"/>, <see cref="PostgreSqlIngestionApiTests"/>).</summary>
public abstract class IngestionApiTests(IngestionApiTests.Portal portal)
{
    /// <summary>A portal with a small request limit, so the 413 path is cheap to reach, on the provider of the derived fixture.</summary>
    public abstract class Portal(DatabaseProvider provider) : PortalFactory, IAsyncLifetime
    {
        public Task InitializeAsync() => UseProviderAsync(provider);

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Ingestion:MaxRequestBytes", "65536");
        }

        public async Task<string> NewTokenAsync(string name = "test-sender")
        {
            var result = await Services.GetRequiredService<CreateApiToken>().HandleAsync(
                Principals.Admin(), new CreateApiTokenCommand(name + Guid.NewGuid().ToString("N")[..6], [ApiScopes.AuditIngest], null));
            Assert.True(result.Succeeded);
            return result.Value!.Token;
        }

        public async Task<long> CountAsync(string eventIdPrefix) =>
            (await Services.GetRequiredService<IAuditEventQueries>().PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.StartsWith, eventIdPrefix)] })).Total;
    }

    private static string Normalized(string id, string time = "2026-11-20T10:00:00Z", string login = "alice@corp.example") =>
        $$"""{"eventId":"{{id}}","eventTime":"{{time}}","datasource":"snowflake","family":"database","login":"{{login}}","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success","targetType":"asset","targetName":"SALES.ORDERS"}""";

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string body, string contentType, string? token, string query = "")
    {
        var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit-events" + query)
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task A_json_array_of_normalized_events_is_stored_and_explorable()
    {
        var token = await portal.NewTokenAsync();

        var (status, body) = await PostAsync($"[{Normalized("arr-1")},{Normalized("arr-2")}]", "application/json", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("stored").GetInt32());
        Assert.Equal(2, await portal.CountAsync("arr-"));
    }

    [Fact]
    public async Task Ndjson_bad_lines_are_reported_by_line_number_and_the_good_ones_stored()
    {
        var token = await portal.NewTokenAsync();
        var ndjson = string.Join("\n", Normalized("nd-1"), "{not json", Normalized("nd-3").Replace("\"login\":\"alice@corp.example\",", ""), Normalized("nd-4"));

        var (status, body) = await PostAsync(ndjson, "application/x-ndjson", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, body.GetProperty("stored").GetInt32());
        Assert.Equal(2, body.GetProperty("rejected").GetInt32());
        var reasons = body.GetProperty("rejections").EnumerateArray().Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("reason").GetString()!)).ToList();
        Assert.Equal(2, reasons[0].Item1);
        Assert.Equal(3, reasons[1].Item1);
        Assert.Contains("login", reasons[1].Item2);
        Assert.Equal(2, await portal.CountAsync("nd-"));
    }

    [Fact]
    public async Task A_line_with_a_NUL_character_is_rejected_by_number_and_reason_and_the_others_stored()
    {
        var token = await portal.NewTokenAsync();
        var ndjson = string.Join("\n", Normalized("nul-1"), Normalized("nul-2", login: "alice\\u0000@corp.example"), Normalized("nul-3"));

        var (status, body) = await PostAsync(ndjson, "application/x-ndjson", token);
        var (atomicStatus, _) = await PostAsync(ndjson.Replace("nul-", "nul-atomic-"), "application/x-ndjson", token, "?atomic=true");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((2, 1), (body.GetProperty("stored").GetInt32(), body.GetProperty("rejected").GetInt32()));
        var rejection = Assert.Single(body.GetProperty("rejections").EnumerateArray().ToList());
        Assert.Equal(2, rejection.GetProperty("line").GetInt32());
        Assert.Equal("line 2: login contains a NUL character (U+0000), which audit events may not hold", rejection.GetProperty("reason").GetString());
        Assert.Equal(2, await portal.CountAsync("nul-"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, atomicStatus);
        Assert.Equal(0, await portal.CountAsync("nul-atomic-"));
    }

    [Fact]
    public async Task An_atomic_batch_with_a_bad_line_stores_nothing()
    {
        var token = await portal.NewTokenAsync();
        var ndjson = string.Join("\n", Normalized("atomic-1"), "{\"eventId\":\"atomic-2\"}");

        var (status, body) = await PostAsync(ndjson, "application/x-ndjson", token, "?atomic=true");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("nothing was stored", body.GetProperty("error").GetString());
        Assert.Equal(0, await portal.CountAsync("atomic-"));
    }

    [Fact]
    public async Task A_json_array_broken_midway_keeps_the_complete_events_and_reports_where_reading_stopped()
    {
        var token = await portal.NewTokenAsync();

        var (status, body) = await PostAsync($"[{Normalized("broken-1")},{{\"eventId\": ", "application/json", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("stored").GetInt32());
        var rejection = Assert.Single(body.GetProperty("rejections").EnumerateArray());
        Assert.Equal(2, rejection.GetProperty("line").GetInt32());
        Assert.Contains("element 2", rejection.GetProperty("reason").GetString());
        Assert.Equal(1, await portal.CountAsync("broken-"));
    }

    [Fact]
    public async Task A_single_object_body_that_is_cut_short_stores_nothing()
    {
        var token = await portal.NewTokenAsync();

        var (status, body) = await PostAsync(Normalized("cut-1")[..40], "application/json", token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("nothing was stored", body.GetProperty("error").GetString());
        Assert.Equal(0, await portal.CountAsync("cut-"));
    }

    [Fact]
    public async Task Resent_events_are_counted_as_duplicates_not_stored_twice()
    {
        var token = await portal.NewTokenAsync();
        var batch = $"[{Normalized("again-1")},{Normalized("again-2")}]";
        await PostAsync(batch, "application/json", token);

        var (status, body) = await PostAsync(batch, "application/json", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("stored").GetInt32());
        Assert.Equal(2, body.GetProperty("duplicates").GetInt32());
        Assert.Equal(2, await portal.CountAsync("again-"));
    }

    [Fact]
    public async Task Altr_events_are_mapped_into_the_schema_and_keep_their_raw_json()
    {
        var token = await portal.NewTokenAsync();
        var altr = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Examples", "altr-events.ndjson"));

        var (status, body) = await PostAsync(altr, "application/x-ndjson", token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("stored").GetInt32() >= 3);
        var page = await portal.Services.GetRequiredService<IAuditEventQueries>().PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.Equals, "4f1c2a7e-8d2b-4c55-9e0a-1b2c3d4e5f60")] });
        var e = Assert.Single(page.Rows);
        Assert.Equal("altr", e.Family);
        Assert.Contains("ANALYST_JS", e.Login);
        Assert.Contains("CRM.PUBLIC.CONTACTS", e.Payload);
        Assert.Contains("\"eventID\"", e.RawJson);
    }

    [Fact]
    public async Task A_normalized_event_keeps_its_line_as_raw_json_byte_for_byte()
    {
        var token = await portal.NewTokenAsync();
        var line = Normalized("raw-1", login: "Émile Zoł 日本 😀").Replace("}", ",\"payload\":\"a \\\"quoted\\\" \\u00e9 word\",\"data\":{\"n\":[1,2.5,null]}}");
        var crlf = Normalized("raw-2") + "\r\n";

        var (status, _) = await PostAsync(line + "\n" + crlf, "application/x-ndjson", token);

        Assert.Equal(HttpStatusCode.OK, status);
        var reader = portal.Services.GetRequiredService<IAuditEventQueries>();
        var first = Assert.Single((await reader.PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.Equals, "raw-1")] })).Rows);
        var second = Assert.Single((await reader.PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.Equals, "raw-2")] })).Rows);
        Assert.Equal(line, first.RawJson);
        Assert.Equal("a \"quoted\" é word", first.Payload);
        Assert.Equal("{\"n\":[1,2.5,null]}", first.DataJson);
        Assert.Equal(Normalized("raw-2"), second.RawJson);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("apt_not-a-real-token")]
    [InlineData("something-else")]
    public async Task Without_a_valid_token_the_api_answers_401(string? token)
    {
        var (status, _) = await PostAsync(Normalized("noauth-1"), "application/json", token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, await portal.CountAsync("noauth-"));
    }

    [Fact]
    public async Task A_revoked_token_is_refused()
    {
        var token = await portal.NewTokenAsync("revoked");
        var id = (await portal.Services.GetRequiredService<ListApiTokens>().HandleAsync(Principals.Admin()))
            .Single(t => token.StartsWith(t.Prefix, StringComparison.Ordinal)).Id;
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(Normalized("rev-1"), "application/json", token)).Status);

        await portal.Services.GetRequiredService<RevokeApiToken>().HandleAsync(Principals.Admin(), id);

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(Normalized("rev-2"), "application/json", token)).Status);
        Assert.Equal(1, await portal.CountAsync("rev-"));
    }

    [Fact]
    public async Task A_signed_in_admin_cookie_does_not_open_the_api()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        var response = await client.PostAsync("/api/audit-events", new StringContent(Normalized("cookie-1"), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsupported_content_type_gets_415()
    {
        var token = await portal.NewTokenAsync();

        var (status, body) = await PostAsync("eventId=1", "text/plain", token);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("application/x-ndjson", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_a_clear_413_and_nothing_is_stored()
    {
        var token = await portal.NewTokenAsync();
        var big = string.Join("\n", Enumerable.Range(0, 400).Select(i => Normalized($"big-{i}")));

        var (status, body) = await PostAsync(big, "application/x-ndjson", token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("split the batch", body.GetProperty("error").GetString());
        Assert.Equal(0, await portal.CountAsync("big-"));
    }

    [Fact]
    public async Task Csv_collection_with_the_brainwave_files_stores_the_mapped_rows_and_rejects_the_rest()
    {
        var token = await portal.NewTokenAsync();
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var form = new MultipartFormDataContent();
        foreach (var (field, file) in new[] { ("log", "windows-security.csv"), ("properties", "windows-security.eventproperties.csv"), ("mapping", "windows-security.mapping.csv") })
        {
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Examples", file))), field, file);
        }

        var response = await client.PostAsync("/api/audit-events/csv", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("stored").GetInt32() >= 4);
        Assert.True(body.GetProperty("rejected").GetInt32() >= 1);
        var page = await portal.Services.GetRequiredService<IAuditEventQueries>().PageAsync(new AuditQuery { Filters = [new("Datasource", FilterOperator.Equals, "windows-file-server")] });
        var access = Assert.Single(page.Rows);
        Assert.Equal(@"CONTOSO\mdupont", access.Login);
        Assert.Equal(@"C:\Finance\Q4\budget.xlsx", access.TargetName);
        Assert.Contains("computer=FS02.contoso.local", access.Payload);
    }

    [Fact]
    public async Task Csv_collection_without_the_mapping_file_stores_nothing()
    {
        var token = await portal.NewTokenAsync();
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var form = new MultipartFormDataContent { { new StringContent("timestamp,eventid\n"), "log", "log.csv" } };

        var response = await client.PostAsync("/api/audit-events/csv", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Missing file(s): properties, mapping", await response.Content.ReadAsStringAsync());
    }
}
