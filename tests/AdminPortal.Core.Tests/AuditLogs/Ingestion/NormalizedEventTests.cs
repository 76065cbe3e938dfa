using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;
using static AdminPortal.Core.Tests.AuditLogs.Ingestion.Batches;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

public class NormalizedEventTests
{
    [Fact]
    public async Task A_normalized_event_maps_every_field_of_the_schema()
    {
        var json = """
            {"eventId":"e-42","eventTime":"2026-11-22T10:15:30.250Z","tenant":"acme","datasource":"snowflake","externalRef":"q-981",
             "family":"database","whereSource":"10.0.0.7","whereDestination":"acme.snowflakecomputing.com","login":"jsmith",
             "repository":"okta","identity":"John Smith","session":"s-77","category":"query","code":"SELECT","codeLabel":"Select rows",
             "action":"read","payload":"select * from orders","status":"success","count":12,"displayLabel":"jsmith read orders",
             "targetType":"asset","targetName":"SALES.PUBLIC.ORDERS","targetParent":"SALES.PUBLIC","secondTarget":"reporting",
             "oldValue":"a","newValue":"b","custom1":"one","custom19":"nineteen"}
            """;

        var e = await SingleAsync(json);

        Assert.Equal("e-42", e.EventId);
        Assert.Equal(new DateTime(2026, 11, 22, 10, 15, 30, 250, DateTimeKind.Utc), e.EventTimeUtc);
        Assert.Equal(DateTimeKind.Utc, e.EventTimeUtc.Kind);
        Assert.Equal(("acme", "snowflake", "q-981", "database"), (e.Tenant, e.Datasource, e.ExternalRef, e.Family));
        Assert.Equal(("10.0.0.7", "acme.snowflakecomputing.com"), (e.WhereSource, e.WhereDestination));
        Assert.Equal(("jsmith", "okta", "John Smith", "s-77"), (e.Login, e.Repository, e.Identity, e.Session));
        Assert.Equal(("query", "SELECT", "Select rows", "read"), (e.Category, e.Code, e.CodeLabel, e.Action));
        Assert.Equal("select * from orders", e.Payload);
        Assert.Equal(AuditEventStatus.Success, e.Status);
        Assert.Equal(12, e.Count);
        Assert.Equal("jsmith read orders", e.DisplayLabel);
        Assert.Equal(AuditTargetType.Asset, e.TargetType);
        Assert.Equal(("SALES.PUBLIC.ORDERS", "SALES.PUBLIC", "reporting"), (e.TargetName, e.TargetParent, e.SecondTarget));
        Assert.Equal(("a", "b"), (e.OldValue, e.NewValue));
        Assert.Equal(("one", "nineteen"), (e.Custom1, e.Custom19));
    }

    [Fact]
    public async Task RawJson_keeps_the_event_exactly_as_received_including_unknown_properties()
    {
        var json = Event(extra: "\"vendorSpecific\":{\"x\":1}");

        var e = await SingleAsync(json);

        Assert.Equal(json, e.RawJson);
    }

    [Fact]
    public async Task Field_names_are_matched_without_regard_to_case()
    {
        var e = await SingleAsync(Event(without: ["eventTime", "login"], extra: "\"EventTime\":1763806500123,\"LOGIN\":\"kim\",\"Status\":\"fail\""));

        Assert.Equal(("kim", AuditEventStatus.Fail), (e.Login, e.Status));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763806500123).UtcDateTime, e.EventTimeUtc);
    }

    [Fact]
    public async Task Repeated_values_of_a_batch_share_one_string()
    {
        var result = await ParseNdjsonAsync(Event("a"), Event("b"));

        Assert.Same(result.Events[0].Datasource, result.Events[1].Datasource);
        Assert.Equal("snowflake", result.Events[1].Datasource);
    }

    [Theory]
    [InlineData("eventId")]
    [InlineData("eventTime")]
    [InlineData("datasource")]
    [InlineData("family")]
    [InlineData("login")]
    [InlineData("repository")]
    [InlineData("code")]
    [InlineData("codeLabel")]
    [InlineData("action")]
    public async Task An_event_without_a_mandatory_field_is_rejected_naming_the_field(string field)
    {
        var rejection = await RejectedAsync(Event(without: field));

        Assert.Equal($"{field} is missing", rejection.Reason);
    }

    [Fact]
    public async Task An_empty_mandatory_field_counts_as_missing()
    {
        var rejection = await RejectedAsync(Event(without: "login", extra: "\"login\":\"  \""));

        Assert.Equal("login is missing", rejection.Reason);
    }

    [Fact]
    public async Task Several_missing_fields_are_named_in_one_rejection()
    {
        var rejection = await RejectedAsync(Event(without: ["login", "code"]));

        Assert.Equal("login, code are missing", rejection.Reason);
    }

    [Fact]
    public async Task A_rejection_carries_the_eventId_when_the_event_has_one()
    {
        var rejection = await RejectedAsync(Event(id: "e-9", without: "action"));

        Assert.Equal("e-9", rejection.EventId);
    }

    [Fact]
    public async Task EventTime_in_epoch_milliseconds_is_read_as_utc()
    {
        var e = await SingleAsync(Event(without: "eventTime", extra: "\"eventTime\":1763806500123"));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763806500123).UtcDateTime, e.EventTimeUtc);
    }

    [Fact]
    public async Task EventTime_in_epoch_milliseconds_may_be_a_string_of_digits()
    {
        var e = await SingleAsync(Event(without: "eventTime", extra: "\"eventTime\":\"1763806500123\""));

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763806500123).UtcDateTime, e.EventTimeUtc);
    }

    [Fact]
    public async Task EventTime_with_an_offset_is_converted_to_utc()
    {
        var e = await SingleAsync(Event(without: "eventTime", extra: "\"eventTime\":\"2026-11-22T12:15:00+02:00\""));

        Assert.Equal(new DateTime(2026, 11, 22, 10, 15, 0, DateTimeKind.Utc), e.EventTimeUtc);
    }

    [Fact]
    public async Task EventTime_without_an_offset_is_rejected_rather_than_guessed()
    {
        var rejection = await RejectedAsync(Event(without: "eventTime", extra: "\"eventTime\":\"2026-11-22T10:15:00\""));

        Assert.Equal("eventTime '2026-11-22T10:15:00' has no UTC offset: add Z or +hh:mm", rejection.Reason);
    }

    [Fact]
    public async Task An_eventTime_that_is_not_a_time_is_rejected()
    {
        var rejection = await RejectedAsync(Event(without: "eventTime", extra: "\"eventTime\":\"yesterday\""));

        Assert.StartsWith("eventTime 'yesterday' is not an ISO-8601 time", rejection.Reason);
    }

    [Theory]
    [InlineData("success", AuditEventStatus.Success)]
    [InlineData("SUCCESS", AuditEventStatus.Success)]
    [InlineData("Fail", AuditEventStatus.Fail)]
    public async Task Status_is_read_without_regard_to_case(string status, AuditEventStatus expected)
    {
        var e = await SingleAsync(Event(extra: $"\"status\":\"{status}\""));

        Assert.Equal(expected, e.Status);
    }

    [Fact]
    public async Task A_status_other_than_success_or_fail_is_rejected()
    {
        var rejection = await RejectedAsync(Event(extra: "\"status\":\"maybe\""));

        Assert.Equal("status 'maybe' is not one of success, fail", rejection.Reason);
    }

    [Fact]
    public async Task TargetType_is_read_without_regard_to_case()
    {
        var e = await SingleAsync(Event(extra: "\"targetType\":\"Permission\""));

        Assert.Equal(AuditTargetType.Permission, e.TargetType);
    }

    [Fact]
    public async Task An_unknown_targetType_is_rejected_listing_the_nine_types()
    {
        var rejection = await RejectedAsync(Event(extra: "\"targetType\":\"server\""));

        Assert.Equal(
            "targetType 'server' is not one of account, identity, group, organisation, asset, application, permission, repository, perimeter",
            rejection.Reason);
    }

    [Fact]
    public async Task Count_defaults_to_one()
    {
        var e = await SingleAsync(Event());

        Assert.Equal(1, e.Count);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("\"many\"")]
    public async Task A_count_that_is_not_a_whole_number_of_at_least_one_is_rejected(string count)
    {
        var rejection = await RejectedAsync(Event(extra: $"\"count\":{count}"));

        Assert.Equal($"count must be a whole number of at least 1 (got {count})", rejection.Reason);
    }

    [Theory]
    [InlineData("{\"rows\":3,\"tags\":[\"pii\"]}")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just text\"")]
    [InlineData("42")]
    public async Task Data_of_any_json_kind_is_kept_as_its_json_text(string data)
    {
        var e = await SingleAsync(Event(extra: $"\"data\":{data}"));

        Assert.Equal(data, e.DataJson);
    }

    [Fact]
    public async Task A_numeric_code_is_kept_as_its_text()
    {
        var e = await SingleAsync(Event(without: "code", extra: "\"code\":4624"));

        Assert.Equal("4624", e.Code);
    }

    [Fact]
    public async Task A_login_longer_than_400_characters_is_rejected()
    {
        var rejection = await RejectedAsync(Event(without: "login", extra: $"\"login\":\"{new string('x', 401)}\""));

        Assert.Equal("login is 401 characters long, more than the 400 allowed", rejection.Reason);
    }

    [Fact]
    public async Task A_payload_of_64_KB_is_accepted_and_one_character_more_is_rejected()
    {
        var atLimit = await SingleAsync(Event(extra: $"\"payload\":\"{new string('p', 65_536)}\""));
        var overLimit = await RejectedAsync(Event(extra: $"\"payload\":\"{new string('p', 65_537)}\""));

        Assert.Equal(65_536, atLimit.Payload!.Length);
        Assert.Equal("payload is 65,537 characters long, more than the 65,536 allowed", overLimit.Reason);
    }

    [Fact]
    public async Task Data_over_64_KB_is_rejected()
    {
        var rejection = await RejectedAsync(Event(extra: $"\"data\":\"{new string('d', 65_536)}\""));

        Assert.StartsWith("data is 65,538 characters long", rejection.Reason);
    }
}
