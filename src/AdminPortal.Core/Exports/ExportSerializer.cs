using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Turns events into the bytes of one export object (CSV, JSON Lines or a JSON array). Rows are encoded into a small
/// buffer synchronously and handed to the stream asynchronously in chunks, so a slow upload holds back the reader
/// (the pipe's back-pressure) without blocking a thread, and memory stays at one chunk.
/// </summary>
public abstract class ExportSerializer
{
    /// <summary>About this many bytes are gathered before they are written to the stream.</summary>
    public const int ChunkBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> pending = new(ChunkBytes * 2);

    protected ExportSerializer(IReadOnlyList<AuditColumn> columns) => Columns = columns;

    public IReadOnlyList<AuditColumn> Columns { get; }

    public abstract string ContentType { get; }

    /// <summary>Bytes encoded but not yet written to the stream.</summary>
    public int PendingBytes => pending.WrittenCount;

    protected IBufferWriter<byte> Buffer => pending;

    public static ExportSerializer Create(ExportFormat format, IReadOnlyList<AuditColumn> columns) => format switch
    {
        ExportFormat.Csv => new CsvExportSerializer(columns),
        ExportFormat.JsonLines => new JsonLinesExportSerializer(columns),
        ExportFormat.Json => new JsonArrayExportSerializer(columns),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
    };

    /// <summary>
    /// The columns an export writes: the element's, plus the event id when the element left it out (a consumer needs a key
    /// to tell a re-delivered event from a new one).
    /// </summary>
    public static IReadOnlyList<AuditColumn> ColumnsFor(IReadOnlyList<string> chosen)
    {
        var columns = chosen.Select(AuditColumns.Find).Where(c => c is not null).Select(c => c!).DistinctBy(c => c.Name).ToList();
        if (columns.Count == 0)
        {
            columns = AuditColumns.DefaultVisible.Select(n => AuditColumns.Find(n)!).ToList();
        }

        if (columns.All(c => c.Name != nameof(AuditEvent.EventId)))
        {
            columns.Add(AuditColumns.Find(nameof(AuditEvent.EventId))!);
        }

        return columns;
    }

    /// <summary>Starts an object (the CSV header, the JSON array's bracket).</summary>
    public abstract void Begin();

    public abstract void Write(AuditEvent e);

    /// <summary>Ends an object; each object stands alone (a header each, a whole JSON array each).</summary>
    public abstract void End();

    /// <summary>Writes what is pending to <paramref name="output"/>.</summary>
    public async ValueTask FlushToAsync(Stream output, CancellationToken ct)
    {
        if (pending.WrittenCount == 0)
        {
            return;
        }

        await output.WriteAsync(pending.WrittenMemory, ct);
        pending.ResetWrittenCount();
    }

    protected void WriteUtf8(string text)
    {
        var span = pending.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        pending.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    protected void WriteByte(byte b)
    {
        pending.GetSpan(1)[0] = b;
        pending.Advance(1);
    }
}

/// <summary>The explorer's CSV download, byte for byte in its header and cells (without the spreadsheet formula guard), LF line ends.</summary>
internal sealed class CsvExportSerializer(IReadOnlyList<AuditColumn> columns) : ExportSerializer(columns)
{
    public override string ContentType => "text/csv; charset=utf-8";

    public override void Begin()
    {
        WriteUtf8(AuditCsv.Header(Columns, formulaGuard: false));
        WriteByte((byte)'\n');
    }

    public override void Write(AuditEvent e)
    {
        WriteUtf8(AuditCsv.Row(e, Columns, formulaGuard: false));
        WriteByte((byte)'\n');
    }

    public override void End()
    {
    }
}

/// <summary>One JSON object per line: column names as keys, times as ISO 8601 UTC, numbers as numbers, empty as null.</summary>
internal class JsonLinesExportSerializer(IReadOnlyList<AuditColumn> columns) : ExportSerializer(columns)
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    private Utf8JsonWriter? json;

    public override string ContentType => "application/x-ndjson";

    public override void Begin()
    {
    }

    public override void Write(AuditEvent e)
    {
        WriteObject(e);
        WriteByte((byte)'\n');
    }

    public override void End()
    {
    }

    protected void WriteObject(AuditEvent e)
    {
        if (json is null)
        {
            json = new Utf8JsonWriter(Buffer, Options);
        }
        else
        {
            json.Reset(Buffer);
        }

        json.WriteStartObject();
        foreach (var column in Columns)
        {
            json.WritePropertyName(column.Name);
            switch (AuditEventValues.Get(e, column.Name))
            {
                case null:
                    json.WriteNullValue();
                    break;
                case DateTime t:
                    json.WriteStringValue(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                    break;
                case long n:
                    json.WriteNumberValue(n);
                    break;
                case int n:
                    json.WriteNumberValue(n);
                    break;
                case var value:
                    json.WriteStringValue(value.ToString());
                    break;
            }
        }

        json.WriteEndObject();
        json.Flush();
    }
}

/// <summary>One JSON array per object, one event per line inside it.</summary>
internal sealed class JsonArrayExportSerializer(IReadOnlyList<AuditColumn> columns) : JsonLinesExportSerializer(columns)
{
    private bool first = true;

    public override string ContentType => "application/json";

    public override void Begin()
    {
        first = true;
        WriteByte((byte)'[');
    }

    public override void Write(AuditEvent e)
    {
        WriteByte(first ? (byte)'\n' : (byte)',');
        if (!first)
        {
            WriteByte((byte)'\n');
        }

        first = false;
        WriteObject(e);
    }

    public override void End()
    {
        WriteUtf8(first ? "]\n" : "\n]\n");
    }
}
