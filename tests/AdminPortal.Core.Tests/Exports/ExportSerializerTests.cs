using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;
using CsvHelper;

namespace AdminPortal.Core.Tests.Exports;

public sealed class ExportSerializerTests
{
    private static readonly IReadOnlyList<AuditColumn> Columns = ExportSerializer.ColumnsFor(
        [nameof(AuditEvent.EventTimeUtc), nameof(AuditEvent.Login), nameof(AuditEvent.Status), nameof(AuditEvent.Count), nameof(AuditEvent.Payload)]);

    private static AuditEvent Event(int i, string? payload = null) => new()
    {
        Id = i,
        EventId = $"ev-{i}",
        EventTimeUtc = new DateTime(2026, 11, 22, 10, 0, 0, 123, DateTimeKind.Utc).AddSeconds(i),
        Login = $"user{i}@corp.example",
        Status = i % 2 == 0 ? AuditEventStatus.Success : AuditEventStatus.Fail,
        Count = -i,
        Payload = payload,
    };

    private static async Task<byte[]> SerializeAsync(ExportFormat format, IEnumerable<AuditEvent> events, bool gzip = false)
    {
        var output = new MemoryStream();
        var serializer = ExportSerializer.Create(format, Columns);
        Stream sink = gzip ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : output;
        serializer.Begin();
        foreach (var e in events)
        {
            serializer.Write(e);
            await serializer.FlushToAsync(sink, CancellationToken.None);
        }

        serializer.End();
        await serializer.FlushToAsync(sink, CancellationToken.None);
        await sink.DisposeAsync();
        return output.ToArray();
    }

    [Fact]
    public void The_event_id_is_added_when_the_element_leaves_it_out()
    {
        Assert.Equal(nameof(AuditEvent.EventId), Columns[^1].Name);
        Assert.Equal(6, Columns.Count);
    }

    [Fact]
    public async Task Csv_has_the_explorers_header_and_cells_and_reads_back_unchanged()
    {
        var tricky = "a, \"quoted\"\nsecond line";
        var bytes = await SerializeAsync(ExportFormat.Csv, [Event(1, tricky), Event(2, "-1 starts like a formula")]);

        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith(AuditCsv.Header(Columns, formulaGuard: false) + "\n", text);
        await using var csv = CsvReader.Create(new MemoryStream(bytes), new CsvReaderOptions { Separator = ',', HasHeader = false }, leaveOpen: false);
        var rows = new List<string[]>();
        while (await csv.ReadAsync(CancellationToken.None))
        {
            rows.Add(csv.Current.ToArray().Select(v => v.ToString()).ToArray());
        }

        Assert.Equal(["EventTimeUtc", "Login", "Status", "Count", "Payload", "EventId"], rows[0]);
        Assert.Equal(["2026-11-22 10:00:01.123", "user1@corp.example", "Fail", "-1", tricky, "ev-1"], rows[1]);
        Assert.Equal("-1 starts like a formula", rows[2][4]);
        Assert.Equal(3, rows.Count);
    }

    [Fact]
    public async Task Json_lines_hold_one_typed_object_per_event()
    {
        var bytes = await SerializeAsync(ExportFormat.JsonLines, [Event(1, "x"), Event(2)]);

        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("2026-11-22T10:00:01.123Z", first.RootElement.GetProperty("EventTimeUtc").GetString());
        Assert.Equal(-1, first.RootElement.GetProperty("Count").GetInt32());
        Assert.Equal("Fail", first.RootElement.GetProperty("Status").GetString());
        Assert.Equal("ev-1", first.RootElement.GetProperty("EventId").GetString());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("Payload").ValueKind);
    }

    [Fact]
    public async Task Json_is_one_array_per_object_even_when_empty()
    {
        var bytes = await SerializeAsync(ExportFormat.Json, Enumerable.Range(1, 3).Select(i => Event(i)));
        var empty = await SerializeAsync(ExportFormat.Json, []);

        using var array = JsonDocument.Parse(bytes);
        Assert.Equal(["ev-1", "ev-2", "ev-3"], array.RootElement.EnumerateArray().Select(e => e.GetProperty("EventId").GetString()));
        using var none = JsonDocument.Parse(empty);
        Assert.Equal(0, none.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Gzip_output_decompresses_to_the_plain_output()
    {
        var events = Enumerable.Range(1, 500).Select(i => Event(i, new string('p', i % 50))).ToList();

        var plain = await SerializeAsync(ExportFormat.JsonLines, events);
        var zipped = await SerializeAsync(ExportFormat.JsonLines, events, gzip: true);

        using var unzip = new GZipStream(new MemoryStream(zipped), CompressionMode.Decompress);
        var back = new MemoryStream();
        await unzip.CopyToAsync(back);
        Assert.Equal(plain, back.ToArray());
        Assert.True(zipped.Length < plain.Length / 3);
    }
}
