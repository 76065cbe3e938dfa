using System.Text;
using AdminPortal.Core.AuditLogs.Ingestion;
using static AdminPortal.Core.Tests.AuditLogs.Ingestion.Batches;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>Text that JSON syntax allows but Unicode does not: rejected line by line, the rest of the batch read.</summary>
public class UnicodeTests
{
    private static Task<AuditParseResult> ParseAsync(byte[] body, string contentType) =>
        new AuditEventParser().ParseAsync(new MemoryStream(body), contentType);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>An event whose login is "ab", then the byte given, then "cd".</summary>
    private static byte[] WithByteInLogin(string id, byte bad)
    {
        var json = Event(id);
        var at = json.IndexOf("\"jsmith\"", StringComparison.Ordinal) + 1;
        return [.. Utf8(json[..at]), (byte)'a', (byte)'b', bad, (byte)'c', (byte)'d', .. Utf8(json[(at + "jsmith".Length)..])];
    }

    [Fact]
    public async Task A_lone_high_surrogate_escape_rejects_its_ndjson_line_and_the_rest_is_read()
    {
        var body = string.Join("\n", Event("a"), Event("b", extra: "\"login\":\"x\\ud800y\"", without: "login"), Event("c"));

        var result = await ParseAsync(Utf8(body), Ndjson);

        Assert.Equal(["a", "c"], result.Events.Select(e => e.EventId));
        Assert.Equal("line 2: an unpaired surrogate escape \\ud800 in field 'login'", Assert.Single(result.Rejections).Message);
    }

    [Theory]
    [InlineData("\"payload\":\"\\udc00\"", "an unpaired surrogate escape \\udc00 in field 'payload'")]
    [InlineData("\"payload\":\"\\uD83D\\u0041\"", "an unpaired surrogate escape \\uD83D in field 'payload'")]
    [InlineData("\"unknownField\":\"\\ud800\"", "an unpaired surrogate escape \\ud800 in field 'unknownField'")]
    [InlineData("\"data\":{\"deep\":[\"\\ud800\"]}", "an unpaired surrogate escape \\ud800 in field 'data'")]
    [InlineData("\"x\\ud800\":1", "an unpaired surrogate escape \\ud800 in a field name")]
    public async Task A_lone_surrogate_escape_anywhere_in_a_json_array_element_rejects_that_element(string member, string reason)
    {
        var body = "[" + Event("a") + "," + Event("b", extra: member) + "," + Event("c") + "]";

        var result = await ParseAsync(Utf8(body), Json);

        Assert.Equal(["a", "c"], result.Events.Select(e => e.EventId));
        Assert.Equal("element 2: " + reason, Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_surrogate_pair_escape_and_an_escaped_backslash_before_u_are_accepted()
    {
        var body = Event("emoji", extra: "\"payload\":\"smile \\ud83d\\ude00, path C:\\\\ud800\"");

        var result = await ParseAsync(Utf8(body), Json);

        Assert.Empty(result.Rejections);
        Assert.Equal("smile 😀, path C:\\ud800", Assert.Single(result.Events).Payload);
    }

    [Fact]
    public async Task Invalid_utf8_rejects_its_ndjson_line_with_the_byte_and_is_never_stored_as_a_replacement_character()
    {
        byte[] body = [.. Utf8(Event("a") + "\n" + Event("b") + "\n"), .. WithByteInLogin("c", 0xFF), .. Utf8("\n" + Event("d"))];
        var line3 = WithByteInLogin("c", 0xFF);
        var expectedByte = Array.IndexOf(line3, (byte)0xFF) + 1;

        var result = await ParseAsync(body, Ndjson);

        Assert.Equal(["a", "b", "d"], result.Events.Select(e => e.EventId));
        Assert.Equal($"line 3: invalid UTF-8 at byte {expectedByte}", Assert.Single(result.Rejections).Message);
        Assert.DoesNotContain(result.Events, e => e.RawJson!.Contains('\uFFFD'));
    }

    [Theory]
    [InlineData(0xFF)]
    [InlineData(0xC3)] // the first byte of a two-byte sequence, followed by ASCII
    [InlineData(0xED)] // a surrogate encoded in UTF-8 (ED A0 80) is not valid UTF-8 either, starting here
    public async Task Invalid_utf8_in_a_json_array_rejects_that_element_and_the_rest_is_read(byte bad)
    {
        byte[] body = [.. Utf8("[" + Event("a") + ","), .. WithByteInLogin("b", bad), .. Utf8("," + Event("c") + "]")];

        var result = await ParseAsync(body, Json);

        Assert.Equal(["a", "c"], result.Events.Select(e => e.EventId));
        Assert.StartsWith("element 2: invalid UTF-8 at byte ", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public void The_fast_path_leaves_a_surrogate_escape_and_invalid_utf8_to_the_full_mapping()
    {
        Assert.Null(NormalizedEventReader.TryRead(Utf8(Event(extra: "\"unknownField\":\"\\ud800\"")), new JsonStringPool()));
        Assert.Null(NormalizedEventReader.TryRead(WithByteInLogin("e", 0xFF), new JsonStringPool()));
    }
}
