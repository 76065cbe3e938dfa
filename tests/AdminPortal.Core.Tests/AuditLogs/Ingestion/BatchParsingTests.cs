using System.Diagnostics;
using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;
using Xunit.Abstractions;
using static AdminPortal.Core.Tests.AuditLogs.Ingestion.Batches;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

public class BatchParsingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_json_body_that_is_one_object_gives_one_event()
    {
        var result = await ParseAsync(Event("only"), Json);

        Assert.Equal("only", Assert.Single(result.Events).EventId);
        Assert.Null(result.BatchError);
    }

    [Fact]
    public async Task A_json_array_gives_one_event_per_element_in_order()
    {
        var result = await ParseAsync($"[{Event("a")},\n {Event("b")}, {Event("c")}]", Json);

        Assert.Equal(["a", "b", "c"], result.Events.Select(e => e.EventId));
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public async Task An_empty_json_array_gives_nothing_and_no_error()
    {
        var result = await ParseAsync("[ ]", Json);

        Assert.Empty(result.Events);
        Assert.Empty(result.Rejections);
        Assert.Null(result.BatchError);
    }

    [Fact]
    public async Task A_rejected_json_array_element_is_named_by_its_1_based_index()
    {
        var result = await ParseAsync($"[{Event("a")},{Event("b", without: "eventTime")},{Event("c")}]", Json);

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((2, BatchPosition.Element), (rejection.Line, rejection.Position));
        Assert.Equal("element 2: eventTime is missing", rejection.Message);
        Assert.Equal(["a", "c"], result.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_json_array_element_that_is_not_an_object_is_rejected()
    {
        var result = await ParseAsync($"[{Event("a")}, 17]", Json);

        Assert.Equal("element 2: expected an event object, found a number", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_json_syntax_error_in_an_array_keeps_the_earlier_events_and_says_the_rest_was_not_read()
    {
        var result = await ParseAsync($"[{Event("a")},\n{Event("b")},\n{{\"eventId\":\"c\",,}},\n{Event("d")}]", Json);

        Assert.Equal(["a", "b"], result.Events.Select(e => e.EventId));
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(3, rejection.Line);
        Assert.StartsWith("element 3: not valid JSON at line 3 of the body:", rejection.Message);
        Assert.EndsWith("element 3 and the rest of the body were not read", rejection.Message);
    }

    [Fact]
    public async Task A_json_array_that_is_never_closed_keeps_its_complete_events()
    {
        var result = await ParseAsync($"[{Event("a")},{Event("b")}", Json);

        Assert.Equal(["a", "b"], result.Events.Select(e => e.EventId));
        Assert.Equal("element 3: the body ends before its array is closed with ]", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_json_body_that_is_neither_object_nor_array_is_refused()
    {
        var result = await ParseAsync("\"hello\"", Json);

        Assert.Equal("the body must be an event object or an array of events, not a text", result.BatchError);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task An_empty_json_body_is_refused()
    {
        var result = await ParseAsync("", Json);

        Assert.Equal("the body is empty: send an event object or an array of events", result.BatchError);
    }

    [Fact]
    public async Task Ndjson_gives_one_event_per_line_and_skips_blank_lines()
    {
        var result = await ParseNdjsonAsync(Event("a"), "", "   ", Event("b"), "");

        Assert.Equal(["a", "b"], result.Events.Select(e => e.EventId));
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public async Task An_ndjson_line_without_eventTime_is_rejected_with_its_line_number()
    {
        var result = await ParseNdjsonAsync(Event("a"), "", Event("b", without: "eventTime"), Event("c"));

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal((3, BatchPosition.Line, "b"), (rejection.Line, rejection.Position, rejection.EventId));
        Assert.Equal("line 3: eventTime is missing", rejection.Message);
        Assert.Equal(["a", "c"], result.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task An_ndjson_line_that_is_not_json_is_rejected_and_the_next_lines_are_kept()
    {
        var result = await ParseNdjsonAsync(Event("a"), "{\"eventId\": nope}", Event("c"));

        var rejection = Assert.Single(result.Rejections);
        Assert.StartsWith("line 2: not valid JSON: ", rejection.Message);
        Assert.Contains("(at byte ", rejection.Message);
        Assert.Equal(["a", "c"], result.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task An_ndjson_line_holding_an_array_is_rejected()
    {
        var result = await ParseNdjsonAsync($"[{Event("a")}]");

        Assert.Equal("line 1: expected an event object, found an array", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task Crlf_line_endings_and_a_byte_order_mark_are_accepted()
    {
        var result = await ParseAsync("\uFEFF" + Event("a") + "\r\n" + Event("b") + "\r\n", Ndjson);

        Assert.Equal(["a", "b"], result.Events.Select(e => e.EventId));
        Assert.Equal(Event("b"), result.Events[1].RawJson);
    }

    [Fact]
    public async Task A_later_event_with_the_same_eventId_is_rejected_as_a_duplicate_of_the_first_line()
    {
        var result = await ParseNdjsonAsync(Event("a"), Event("dup"), Event("dup", extra: "\"payload\":\"second\""));

        Assert.Equal(["a", "dup"], result.Events.Select(e => e.EventId));
        Assert.Null(result.Events[1].Payload);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("line 3: duplicate of line 2 (eventId dup)", rejection.Message);
        Assert.Equal("dup", rejection.EventId);
    }

    [Fact]
    public async Task A_duplicate_in_a_json_array_names_the_first_element()
    {
        var result = await ParseAsync($"[{Event("x")},{Event("x")}]", Json);

        Assert.Equal("element 2: duplicate of element 1 (eventId x)", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task An_unsupported_content_type_refuses_the_batch()
    {
        var result = await ParseAsync(Event(), "text/csv");

        Assert.StartsWith("content type 'text/csv' is not supported", result.BatchError);
        Assert.Empty(result.Events);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", AuditBatchFormat.Json)]
    [InlineData("Application/X-NDJSON", AuditBatchFormat.Ndjson)]
    [InlineData("application/jsonl", AuditBatchFormat.Ndjson)]
    public void The_format_is_read_from_the_media_type_whatever_its_parameters_and_case(string contentType, AuditBatchFormat expected)
    {
        Assert.Equal(expected, AuditEventParser.FormatOf(contentType));
    }

    [Fact]
    public async Task Ndjson_events_are_read_across_many_small_stream_reads()
    {
        var lines = Enumerable.Range(1, 50).Select(i => Event($"e{i}", extra: $"\"payload\":\"{new string('q', i * 40)}\""));
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));

        var result = await new AuditEventParser().ParseAsync(new TrickleStream(bytes, 7), Ndjson);

        Assert.Equal(50, result.Events.Count);
        Assert.Equal(50 * 40, result.Events[^1].Payload!.Length);
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public async Task A_json_array_is_read_across_refills_of_events_larger_than_the_read_buffer()
    {
        // 100 KB events: larger than the parser's first 64 KB buffer, so each one needs the buffer grown and refilled.
        var events = Enumerable.Range(1, 5).Select(i => Event($"big{i}", extra: $"\"oldValue\":\"{new string('v', 60_000)}\",\"newValue\":\"{new string('w', 40_000)}\""));
        var bytes = Encoding.UTF8.GetBytes("[" + string.Join(",", events) + "]");

        var result = await new AuditEventParser().ParseAsync(new TrickleStream(bytes, 4096), Json);

        Assert.Equal(["big1", "big2", "big3", "big4", "big5"], result.Events.Select(e => e.EventId));
        Assert.All(result.Events, e => Assert.Equal(60_000, e.OldValue!.Length));
    }

    [Fact]
    public async Task An_ndjson_line_over_one_megabyte_is_rejected_and_the_next_line_is_kept()
    {
        var huge = Event("huge", extra: $"\"payload\":\"{new string('h', 1_100_000)}\"");

        var result = await ParseNdjsonAsync(Event("a"), huge, Event("b"));

        Assert.Equal(["a", "b"], result.Events.Select(e => e.EventId));
        Assert.Equal("line 2: the line is longer than 1 MB", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_sink_receives_the_events_in_chunks_and_the_result_only_counts_them()
    {
        var chunks = new List<int>();
        var body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(1, 25).Select(i => Event($"e{i}")))));

        var result = await new AuditEventParser().ParseAsync(body, AuditBatchFormat.Ndjson, (chunk, _) =>
        {
            chunks.Add(chunk.Count);
            return Task.CompletedTask;
        }, chunkSize: 10);

        Assert.Equal(25, chunks.Sum());
        Assert.All(chunks, size => Assert.InRange(size, 1, 25));
        Assert.Equal((25, 0), (result.AcceptedCount, result.RejectedCount));
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task Only_the_first_thousand_rejections_are_listed_and_all_are_counted()
    {
        var result = await ParseNdjsonAsync([.. Enumerable.Repeat("not json", 1500)]);

        Assert.Equal(1000, result.Rejections.Count);
        Assert.Equal(1500, result.RejectedCount);
    }

    [Fact]
    public async Task Parsing_200000_small_ndjson_events_takes_seconds_not_minutes()
    {
        const int count = 200_000;
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            body.Append("{\"eventId\":\"").Append(i).Append("\",\"eventTime\":").Append(1763806500000 + i)
                .Append(",\"datasource\":\"snowflake\",\"family\":\"database\",\"login\":\"user").Append(i % 50)
                .Append("\",\"repository\":\"okta\",\"code\":\"SELECT\",\"codeLabel\":\"Select\",\"action\":\"read\",\"status\":\"success\",\"targetType\":\"asset\",\"targetName\":\"SALES.ORDERS\"}\n");
        }
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        var parser = new AuditEventParser();
        Func<IReadOnlyList<AuditEvent>, CancellationToken, Task> discard = (_, _) => Task.CompletedTask;
        await parser.ParseAsync(new MemoryStream(bytes, 0, 100_000), AuditBatchFormat.Ndjson, discard); // warm up the JIT

        var clock = Stopwatch.StartNew();
        var result = await parser.ParseAsync(new MemoryStream(bytes), AuditBatchFormat.Ndjson, discard);
        clock.Stop();

        var perSecond = count / clock.Elapsed.TotalSeconds;
        output.WriteLine($"{count:N0} events ({bytes.Length / 1024 / 1024} MB) in {clock.ElapsedMilliseconds} ms: {perSecond:N0} events/s");
        Assert.Equal(count, result.AcceptedCount);
        // A guard against pathological slowness (a quadratic buffer, a per-event exception), not a benchmark: the aim,
        // 200,000/s single-threaded, is measured in Release; Debug builds on a shared 2-core machine run 5 to 10 times slower.
        Assert.True(perSecond > 10_000, $"{perSecond:N0} events/s");
    }
}
