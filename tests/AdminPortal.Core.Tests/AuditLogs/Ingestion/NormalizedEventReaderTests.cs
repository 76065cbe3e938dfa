using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;
using static AdminPortal.Core.Tests.AuditLogs.Ingestion.Batches;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>
/// The Utf8JsonReader fast path of the normalized shape: what it accepts is the event the JsonDocument mapper makes of
/// the same text, field for field; anything it would not accept goes to that mapper, which keeps its words.
/// </summary>
public class NormalizedEventReaderTests
{
    public static TheoryData<string> AcceptedEvents() => new()
    {
        Event(),
        Event(extra: "\"status\":\"FAIL\",\"count\":3,\"targetType\":\"Asset\",\"targetName\":\"SALES.ORDERS\""),
        // Escaped strings, in values and in a property name.
        Event(id: "evt-\\u00e9\\\"q\\\"", extra: "\"payload\":\"line 1\\nline 2\\t\\u2603\",\"d\\u0069splayLabel\":\"caf\\u00e9\""),
        // Numbers and booleans given for text, numbers given as text.
        Event(extra: "\"tenant\":42,\"session\":1.5e3,\"custom1\":true,\"custom2\":false,\"count\":\" 7 \""),
        Event(extra: "\"code\":4624", without: "code"),
        Event(extra: "\"eventTime\":\"1763806500123\"", without: "eventTime"),
        Event(extra: "\"eventTime\":1763806500123", without: "eventTime"),
        Event(extra: "\"eventTime\":\"2026-11-22T12:15:00.123+02:00\"", without: "eventTime"),
        // A blank or null time after a good one is as if absent.
        Event(extra: "\"eventTime\":\"  \""),
        Event(extra: "\"eventTime\":null"),
        // Nested data of every kind, and objects and arrays given for text.
        Event(extra: "\"data\":{\"a\":[1,{\"b\":null}],\"c\":\"x\\u0041\"},\"oldValue\":{\"k\":[true]},\"newValue\":[1,2]"),
        Event(extra: "\"data\":\"just text\""),
        Event(extra: "\"data\":null,\"tenant\":null,\"status\":null,\"count\":null,\"targetType\":\"  \""),
        // Names in any case; unknown members (nested too) ignored; a repeated member: the last one wins.
        Event(extra: "\"LOGIN\":\"other\",\"CodeLabel\":\"Label\",\"unknown\":{\"eventID\":\"not ALTR\"},\"more\":[1,2]"),
        Event(extra: "\"login\":\"second\""),
        // Typed fields in another case or with escapes in their names; names near the schema's are unknown.
        Event(extra: "\"STATUS\":\"fail\",\"Count\":2,\"TARGETTYPE\":\"asset\",\"DATA\":{\"x\":1},\"EventTime\":1763806500123", without: "eventTime"),
        Event(extra: "\"\\u0063ount\":5,\"st\\u0061tus\":\"success\",\"dat\\u0061\":[1],\"\\u0074enant\":\"t\""),
        Event(extra: "\"loginX\":\"x\",\"logi\":\"y\",\"lôgin\":\"z\",\"eventid2\":\"w\",\"\":\"empty\""),
        // Non-ASCII values, shared or not, up to and over the pool's limit in bytes.
        Event(extra: $"\"tenant\":\"Zürich ☃ 東京\",\"category\":\"{new string('é', 32)}\",\"targetName\":\"{new string('é', 33)}\""),
        // White space around the object and inside it; long values that are not shared.
        "  {\"eventId\" : \"e\" ,\"eventTime\":1763806500000,\"datasource\":\"ds\",\"family\":\"f\",\"login\":\"l\",\"repository\":\"r\",\"code\":\"c\",\"codeLabel\":\"cl\",\"action\":\"a\"}  ",
        Event(extra: $"\"payload\":\"{new string('p', 5000)}\",\"targetName\":\"{new string('t', 300)}\""),
    };

    [Theory]
    [MemberData(nameof(AcceptedEvents))]
    public void An_accepted_event_is_the_event_the_document_mapper_makes(string json)
    {
        var fast = NormalizedEventReader.TryRead(Encoding.UTF8.GetBytes(json), new JsonStringPool());
        var mapped = AuditEventParser.MapEventByDocument(Encoding.UTF8.GetBytes(json), new JsonStringPool());

        Assert.NotNull(mapped.Event);
        Assert.NotNull(fast);
        Assert.Equal(Fields(mapped.Event), Fields(fast));
        Assert.Equal(Encoding.UTF8.GetBytes(json), fast.RawJsonUtf8); // stored as received, without a UTF-16 copy
        Assert.Equal(json, fast.RawJson);
    }

    public static TheoryData<string> EventsForTheFullMapping() => new()
    {
        // ALTR, also with its marker written with an escape.
        "{\"eventID\":\"a-1\",\"eventTime\":1763806500123,\"eventName\":\"QueryAudit\",\"eventSource\":\"altr.snowflake\",\"userIdentity\":\"JSMITH\"}",
        Event(extra: "\"event\\u0049D\":\"x\""),
        // Missing, blank and wrong values.
        Event(without: "login"),
        Event(extra: "\"login\":\"  \"", without: "login"),
        Event(extra: "\"eventTime\":\"2026-11-22T10:15:00\"", without: "eventTime"),
        Event(extra: "\"eventTime\":true", without: "eventTime"),
        Event(extra: "\"eventTime\":\" \"", without: "eventTime"),
        Event(extra: "\"eventTime\":1e20", without: "eventTime"),
        Event(extra: "\"status\":\"ok\""),
        Event(extra: "\"count\":0"),
        Event(extra: "\"count\":\"two\""),
        Event(extra: "\"targetType\":\"server\""),
        Event(extra: $"\"login\":\"{new string('l', 401)}\"", without: "login"),
        Event(extra: $"\"custom7\":\"{new string('c', 401)}\""),
        Event(extra: $"\"payload\":\"{new string('p', 64 * 1024 + 1)}\""),
        Event(extra: $"\"data\":\"{new string('d', 64 * 1024 - 1)}\""),
        // Not an event object, or not valid JSON.
        "[1,2]",
        "\"text\"",
        Event() + " {}",
        Event().TrimEnd('}'),
        "{\"eventId\":\"e\",}",
    };

    [Theory]
    [MemberData(nameof(EventsForTheFullMapping))]
    public void An_event_the_fast_path_does_not_accept_goes_to_the_full_mapping(string json)
    {
        Assert.Null(NormalizedEventReader.TryRead(Encoding.UTF8.GetBytes(json), new JsonStringPool()));
    }

    [Fact]
    public async Task Rejections_keep_their_line_and_words_after_accepted_fast_lines()
    {
        var result = await ParseNdjsonAsync(
            Event("a"),
            Event("b", without: "code"),
            "{not json",
            Event("c", extra: "\"count\":\"0\""),
            Event("a"),
            Event("d", extra: "\"status\":\"Success\""));

        Assert.Equal(["a", "d"], result.Events.Select(e => e.EventId));
        Assert.Equal(
            ["line 2: code is missing", "line 4: count must be a whole number of at least 1 (got \"0\")", "line 5: duplicate of line 1 (eventId a)"],
            result.Rejections.Where(r => r.Line != 3).Select(r => r.Message));
        Assert.StartsWith("line 3: not valid JSON", result.Rejections.Single(r => r.Line == 3).Message);
    }

    [Fact]
    public async Task A_repeated_member_whose_first_value_is_too_long_is_accepted_with_its_last_value()
    {
        var result = await ParseNdjsonAsync(Event(extra: $"\"targetName\":\"{new string('t', 401)}\",\"targetName\":\"short\""));

        Assert.Empty(result.Rejections);
        Assert.Equal("short", Assert.Single(result.Events).TargetName);
    }

    [Fact]
    public async Task Values_at_their_length_limit_are_accepted_and_one_more_character_is_rejected_with_its_length()
    {
        var result = await ParseNdjsonAsync(
            Event("at", extra: $"\"custom7\":\"{new string('c', 400)}\",\"payload\":\"{new string('p', 64 * 1024)}\""),
            Event("over", extra: $"\"custom7\":\"{new string('c', 401)}\""),
            Event("data", extra: $"\"data\":\"{new string('d', 64 * 1024 - 1)}\""));

        Assert.Equal(["at"], result.Events.Select(e => e.EventId));
        Assert.Equal(
            ["line 2: custom7 is 401 characters long, more than the 400 allowed", "line 3: data is 65,537 characters long, more than the 65,536 allowed"],
            result.Rejections.Select(r => r.Message));
    }

    [Fact]
    public async Task Short_repeated_values_are_shared_within_a_batch()
    {
        var result = await ParseNdjsonAsync(Event("a"), Event("b"));

        Assert.Same(result.Events[0].Datasource, result.Events[1].Datasource);
        Assert.NotSame(result.Events[0].RawJson, result.Events[1].RawJson);
    }

    private static Dictionary<string, object?> Fields(AuditEvent e) =>
        typeof(AuditEvent).GetProperties().ToDictionary(p => p.Name, p => p.GetValue(e));
}
