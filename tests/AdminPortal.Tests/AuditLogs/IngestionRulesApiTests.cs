using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.AuditLogs.Explorer;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>
/// Through the real pipeline: what no ingestion token may store (times outside the window, the portal's own source,
/// text that is not Unicode), line by line with the rest of the batch stored; and CSV answers that stay small.
/// </summary>
public sealed class IngestionRulesApiTests(SqliteIngestionApiTests.SqlitePortal portal) : IClassFixture<SqliteIngestionApiTests.SqlitePortal>
{
    private static string Normalized(string id, string time = "2026-11-20T10:00:00Z", string family = "database", string login = "alice@corp.example") =>
        $$"""{"eventId":"{{id}}","eventTime":"{{time}}","datasource":"snowflake","family":"{{family}}","login":"{{login}}","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select"}""";

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> PostAsync(byte[] body, string contentType)
    {
        var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/audit-events") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await portal.NewTokenAsync());
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (response.StatusCode, json, text);
    }

    private Task<(HttpStatusCode Status, JsonElement Body, string Text)> PostAsync(string body, string contentType) =>
        PostAsync(Encoding.UTF8.GetBytes(body), contentType);

    private static List<string> Reasons(JsonElement body) =>
        body.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToList();

    [Fact]
    public async Task Ingestion_rejects_an_event_dated_after_the_allowed_future_skew()
    {
        var ndjson = string.Join("\n", Normalized("skew-1"), Normalized("skew-2", "9999-12-31T00:00:00Z"), Normalized("skew-3", "1969-12-31T23:59:59Z"));

        var (status, body, _) = await PostAsync(ndjson, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body.GetProperty("stored").GetInt32());
        Assert.Equal(
        [
            "line 2: eventTime 9999-12-31T00:00:00Z is more than 24 hours in the future (Ingestion:MaxFutureHours)",
            "line 3: eventTime 1969-12-31T23:59:59Z is before 1970-01-01T00:00:00Z",
        ], Reasons(body));
        Assert.Equal(1, await portal.CountAsync("skew-"));
    }

    [Theory]
    [InlineData("application/x-ndjson", "line 2: an unpaired surrogate escape \\ud800 in field 'login'")]
    [InlineData("application/json", "element 2: an unpaired surrogate escape \\ud800 in field 'login'")]
    public async Task A_lone_surrogate_escape_rejects_its_event_and_the_rest_of_the_batch_is_stored(string contentType, string reason)
    {
        var prefix = contentType == "application/json" ? "sur-json-" : "sur-ndjson-";
        var events = new[] { Normalized(prefix + "1"), Normalized(prefix + "2", login: "x\\ud800y"), Normalized(prefix + "3") };
        var body = contentType == "application/json" ? "[" + string.Join(",", events) + "]" : string.Join("\n", events);

        var (status, json, text) = await PostAsync(body, contentType);

        Assert.True(status == HttpStatusCode.OK, $"{(int)status}: {text}");
        Assert.Equal(2, json.GetProperty("stored").GetInt32());
        Assert.Equal([reason], Reasons(json));
        Assert.Equal(2, await portal.CountAsync(prefix));
    }

    [Fact]
    public async Task Invalid_utf8_rejects_its_line_with_the_byte_and_nothing_is_stored_as_a_replacement_character()
    {
        var bad = Encoding.UTF8.GetBytes(Normalized("utf8-2", login: "ab?cd"));
        var at = Array.IndexOf(bad, (byte)'?');
        bad[at] = 0xFF;
        byte[] body = [.. Encoding.UTF8.GetBytes(Normalized("utf8-1") + "\n"), .. bad, .. Encoding.UTF8.GetBytes("\n" + Normalized("utf8-3"))];

        var (status, json, _) = await PostAsync(body, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([$"line 2: invalid UTF-8 at byte {at + 1}"], Reasons(json));
        var page = await portal.Services.GetRequiredService<AuditEventReader>().PageAsync(
            new AuditQuery { Filters = [new("EventId", FilterOperator.StartsWith, "utf8-")] });
        Assert.Equal(["utf8-1", "utf8-3"], page.Rows.Select(e => e.EventId).Order());
        Assert.DoesNotContain(page.Rows, e => e.Login.Contains('\uFFFD'));
    }

    [Fact]
    public async Task An_ingestion_token_cannot_write_events_of_the_portals_own_family()
    {
        var ndjson = string.Join("\n", Normalized("forge-1"), Normalized("forge-2", family: "AdminPortal"), Normalized("adminportal-0193f0c2"));

        var (status, body, _) = await PostAsync(ndjson, "application/x-ndjson");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
        [
            "line 2: family 'AdminPortal' is reserved for the portal's own audit events",
            "line 3: eventId 'adminportal-0193f0c2' starts with 'adminportal-', which is reserved for the portal's own audit events",
        ], Reasons(body));
        Assert.Equal(1, await portal.CountAsync("forge-"));
        Assert.Equal(0, await portal.CountAsync("adminportal-0193f0c2"));
    }

    private const string Properties = "eventid;message;category;subcategory;1;2\n100;Signed in;Logon;Interactive;User;Domain\n";

    private async Task<(HttpStatusCode Status, JsonElement Body)> CollectAsync(string log, string family = "directory")
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.NewTokenAsync());
        var mapping = "eventid;datasource;family;date;login;repository;code;codelabel;action\n" +
            $@"100;{{host}};{family};{{timestamp}};{{param.Domain}}\{{param.User}};{{param.Domain}};{{eventid}};{{message}};login";
        using var form = new MultipartFormDataContent
        {
            { new StringContent(log), "log", "log.csv" },
            { new StringContent(Properties), "properties", "properties.csv" },
            { new StringContent(mapping), "mapping", "mapping.csv" },
        };
        var response = await client.PostAsync("/api/audit-events/csv", form);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Csv_collection_rejects_rows_dated_in_the_far_future_and_rows_of_the_portals_family()
    {
        var log = "timestamp,eventid,host,properties\n2026-11-20 08:00:00,100,csv-rules-ok,User=ann|Domain=ACME\n9999-12-31 00:00:00,100,csv-rules-late,User=bob|Domain=ACME\n";

        var (status, body) = await CollectAsync(log);
        var (forgedStatus, forged) = await CollectAsync("timestamp,eventid,host,properties\n2026-11-20 08:00:00,100,csv-rules-forged,User=ann|Domain=ACME\n", family: "adminportal");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["line 3: date 9999-12-31T00:00:00Z is more than 24 hours in the future (Ingestion:MaxFutureHours)"], Reasons(body));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forgedStatus);
        Assert.Equal(["line 2: family 'adminportal' is reserved for the portal's own audit events"], Reasons(forged));
    }

    [Fact]
    public async Task Csv_collection_lists_the_first_thousand_rejections_and_says_how_many_more()
    {
        var log = "timestamp,eventid,host,properties\n" + string.Concat(Enumerable.Range(0, 1500).Select(i => $"2026-11-20 08:00:00,999,h{i},\n"));

        var (status, body) = await CollectAsync(log);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(1500, body.GetProperty("rejected").GetInt32());
        Assert.Equal(1000, body.GetProperty("rejections").GetArrayLength());
        Assert.Equal(500, body.GetProperty("rejectionsNotListed").GetInt32());
    }

    [Fact]
    public async Task Csv_collection_cuts_an_error_that_quotes_a_huge_header()
    {
        var log = "timestamp," + string.Join(",", Enumerable.Range(0, 5000).Select(i => $"col{i}")) + "\n";

        var (status, body) = await CollectAsync(log);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.GetProperty("error").GetString()!;
        Assert.StartsWith("Raw log file, line 1: the header has no 'eventid' column (its columns: timestamp, col0, col1", error);
        Assert.InRange(error.Length, 1, 1100);
    }
}
