using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;
using Microsoft.Extensions.Options;
using static AdminPortal.Core.Tests.AuditLogs.Ingestion.Batches;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>The rules every shape meets: event times inside 1970 .. now + MaxFutureHours, and the portal's own source reserved.</summary>
public class IngestionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    internal static IngestionRules Rules(int maxFutureHours = 24) =>
        new(Options.Create(new IngestionOptions { MaxFutureHours = maxFutureHours }), new FixedClock(Now));

    private static Task<AuditParseResult> ParseAsync(string body, string contentType, int maxFutureHours = 24) =>
        new AuditEventParser(Rules(maxFutureHours)).ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), contentType);

    private static string At(string id, string time) => Event(id, extra: $"\"eventTime\":{time}", without: "eventTime");

    [Fact]
    public async Task Ingestion_rejects_an_event_dated_after_the_allowed_future_skew()
    {
        var result = await ParseAsync(string.Join("\n",
            At("within", "\"2026-11-23T11:59:59Z\""),
            At("past-skew", "\"2026-11-23T12:00:01Z\""),
            At("far", "\"9999-12-31T00:00:00Z\""),
            At("far-ms", "253402300799999")), Ndjson);

        Assert.Equal(["within"], result.Events.Select(e => e.EventId));
        Assert.Equal(
        [
            "line 2: eventTime 2026-11-23T12:00:01Z is more than 24 hours in the future (Ingestion:MaxFutureHours)",
            "line 3: eventTime 9999-12-31T00:00:00Z is more than 24 hours in the future (Ingestion:MaxFutureHours)",
            "line 4: eventTime 9999-12-31T23:59:59.999Z is more than 24 hours in the future (Ingestion:MaxFutureHours)",
        ], result.Rejections.Select(r => r.Message));
        Assert.Equal("past-skew", result.Rejections[0].EventId);
    }

    [Fact]
    public async Task Ingestion_rejects_an_event_dated_before_1970()
    {
        var result = await ParseAsync("[" + string.Join(",",
            At("epoch", "\"1970-01-01T00:00:00Z\""),
            At("before", "\"1969-12-31T23:59:59Z\""),
            At("negative-ms", "-1000"),
            At("year-1", "\"0001-01-01T00:00:00Z\"")) + "]", Json);

        Assert.Equal(["epoch"], result.Events.Select(e => e.EventId));
        Assert.Equal(
        [
            "element 2: eventTime 1969-12-31T23:59:59Z is before 1970-01-01T00:00:00Z",
            "element 3: eventTime 1969-12-31T23:59:59Z is before 1970-01-01T00:00:00Z",
            "element 4: eventTime 0001-01-01T00:00:00Z is before 1970-01-01T00:00:00Z",
        ], result.Rejections.Select(r => r.Message));
    }

    [Fact]
    public async Task An_event_with_a_NUL_in_a_field_is_rejected_and_the_others_are_kept()
    {
        var altr = "{\"eventID\":\"a-nul\",\"eventTime\":\"2026-11-22T10:00:00Z\",\"eventName\":\"QueryAudit\",\"eventSource\":\"altr.snowflake\",\"userIdentity\":\"J\\u0000SMITH\"}";
        var result = await ParseAsync(string.Join("\n",
            Event("good-1"),
            Event("nul-login", extra: "\"login\":\"js\\u0000mith\"", without: "login"),
            Event("nul-custom", extra: "\"custom3\":\"\\u0000\""),
            altr,
            Event("good-2")), Ndjson);

        Assert.Equal(["good-1", "good-2"], result.Events.Select(e => e.EventId));
        Assert.Equal(
        [
            "line 2: login contains a NUL character (U+0000), which audit events may not hold",
            "line 3: custom3 contains a NUL character (U+0000), which audit events may not hold",
            "line 4: userIdentity contains a NUL character (U+0000), which audit events may not hold",
        ], result.Rejections.Select(r => r.Message));
        Assert.Equal("nul-login", result.Rejections[0].EventId);
    }

    [Fact]
    public async Task An_escaped_backslash_before_u0000_is_text_and_not_a_NUL()
    {
        var result = await ParseAsync(Event("slash", extra: "\"custom1\":\"C:\\\\u0000\""), Ndjson);

        Assert.Empty(result.Rejections);
        Assert.Equal("C:\\u0000", Assert.Single(result.Events).Custom1);
    }

    [Fact]
    public async Task A_NUL_escape_inside_the_data_object_stays_as_text_and_is_accepted()
    {
        // The data column holds the JSON text, where the escape is six plain characters: nothing there is a NUL.
        var result = await ParseAsync(Event("data-escape", extra: "\"data\":{\"note\":\"a\\u0000b\"}"), Json);

        Assert.Empty(result.Rejections);
        Assert.Contains("\\u0000", Assert.Single(result.Events).DataJson);
    }

    [Fact]
    public async Task The_future_skew_is_the_setting()
    {
        var body = At("in-two-hours", "\"2026-11-22T14:00:00Z\"");

        Assert.Single((await ParseAsync(body, Json, maxFutureHours: 3)).Events);
        Assert.Equal("eventTime 2026-11-22T14:00:00Z is more than 1 hours in the future (Ingestion:MaxFutureHours)",
            Assert.Single((await ParseAsync(body, Json, maxFutureHours: 1)).Rejections).Message);
    }

    [Fact]
    public async Task An_altr_event_dated_in_year_9999_is_rejected()
    {
        var altr = "{\"eventID\":\"a-9999\",\"eventTime\":253402214400000,\"eventName\":\"QueryAudit\",\"eventSource\":\"altr.snowflake\",\"userIdentity\":\"JSMITH\"}";

        var result = await ParseAsync(altr, Ndjson);

        Assert.Empty(result.Events);
        Assert.Equal("line 1: eventTime 9999-12-31T00:00:00Z is more than 24 hours in the future (Ingestion:MaxFutureHours)", Assert.Single(result.Rejections).Message);
    }

    [Theory]
    [InlineData("\"family\":\"adminportal\"", "family", "family 'adminportal' is reserved for the portal's own audit events")]
    [InlineData("\"family\":\" AdminPortal \"", "family", "family ' AdminPortal ' is reserved for the portal's own audit events")]
    [InlineData("\"datasource\":\"ADMINPORTAL\"", "datasource", "datasource 'ADMINPORTAL' is reserved for the portal's own audit events")]
    [InlineData("\"repository\":\"adminportal\"", "repository", "repository 'adminportal' is reserved for the portal's own audit events")]
    public async Task An_event_naming_the_portal_as_its_source_is_rejected(string member, string field, string reason)
    {
        var result = await ParseAsync(string.Join("\n", Event("ok"), Event("forged", extra: member, without: field)), Ndjson);

        Assert.Equal(["ok"], result.Events.Select(e => e.EventId));
        Assert.Equal("line 2: " + reason, Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task An_event_id_with_the_portals_prefix_is_rejected()
    {
        var result = await ParseAsync(Event("AdminPortal-0193f0c2"), Json);

        Assert.Equal("eventId 'AdminPortal-0193f0c2' starts with 'adminportal-', which is reserved for the portal's own audit events",
            Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task An_altr_event_from_the_portal_names_its_own_field()
    {
        var altr = "{\"eventID\":\"a-1\",\"eventTime\":1763806500123,\"eventName\":\"SignIn\",\"eventSource\":\"adminportal\",\"userIdentity\":\"admin\"}";

        var result = await ParseAsync(altr, Ndjson);

        Assert.Equal("line 1: eventSource 'adminportal' is reserved for the portal's own audit events", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public void A_family_that_only_contains_the_portals_name_is_not_reserved()
    {
        var check = Rules().Start();
        var auditEvent = new AuditEvent { EventId = "e", EventTimeUtc = Now.UtcDateTime, Family = "adminportal-like", Datasource = "my-adminportal", Repository = "r" };

        Assert.Null(check.Problem(auditEvent));
    }
}
