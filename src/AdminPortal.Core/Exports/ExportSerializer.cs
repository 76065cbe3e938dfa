using System.Buffers;
using System.Text;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Turns events into the bytes of one export object (CSV, JSON Lines or a JSON array). Rows are encoded into a small
/// buffer synchronously, straight from their stored UTF-8 (<see cref="IExportRow"/>), and handed on in chunks, so a
/// slow upload holds back the reader (the pipe's back-pressure) without blocking a thread, and memory stays at one chunk.
/// </summary>
public abstract class ExportSerializer
{
    /// <summary>About this many bytes are gathered before they are written to the stream.</summary>
    public const int ChunkBytes = 64 * 1024;

    private readonly ArrayBufferWriter<byte> pending = new(ChunkBytes * 2);
    private AuditEventRow? eventRow;

    protected ExportSerializer(IReadOnlyList<AuditColumn> columns)
    {
        Columns = columns;
        Kinds = columns.Select(c => c.Kind).ToArray();
    }

    public IReadOnlyList<AuditColumn> Columns { get; }

    public abstract string ContentType { get; }

    /// <summary>Bytes encoded but not yet written to the stream.</summary>
    public int PendingBytes => pending.WrittenCount;

    /// <summary>The bytes encoded since the last flush or <see cref="Discard"/>.</summary>
    public ReadOnlyMemory<byte> Pending => pending.WrittenMemory;

    protected AuditColumnKind[] Kinds { get; }

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
    /// to tell a re-delivered event from a new one), then with <paramref name="identityColumns"/> the matched identity
    /// columns (<see cref="ExportIdentityColumns"/>).
    /// </summary>
    public static IReadOnlyList<AuditColumn> ColumnsFor(IReadOnlyList<string> chosen, bool identityColumns = false)
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

        if (identityColumns)
        {
            columns.AddRange(ExportIdentityColumns.All);
        }

        return columns;
    }

    /// <summary>Starts an object (the CSV header, the JSON array's bracket).</summary>
    public abstract void Begin();

    /// <summary>Encodes one event, its columns in <see cref="Columns"/> order.</summary>
    public abstract void Write<TRow>(TRow row) where TRow : IExportRow;

    /// <summary>Encodes an event held in memory.</summary>
    public void Write(AuditEvent e)
    {
        eventRow ??= new AuditEventRow(Columns);
        eventRow.Event = e;
        Write(eventRow);
    }

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

    /// <summary>Forgets what is pending (it was handed on, or its rows go to the next object).</summary>
    public void Discard() => pending.ResetWrittenCount();

    protected void WriteUtf8(string text)
    {
        var span = pending.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        pending.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    protected void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(pending.GetSpan(bytes.Length));
        pending.Advance(bytes.Length);
    }

    protected void WriteByte(byte b)
    {
        pending.GetSpan(1)[0] = b;
        pending.Advance(1);
    }

    /// <summary>
    /// An enum column's name as <see cref="AuditEvent"/> reads it from its stored text (Enum.TryParse: a name, or a
    /// number); false when it does not parse, which the grid and the exports show as empty.
    /// </summary>
    protected static bool TryEnumName(AuditColumnKind kind, ReadOnlySpan<byte> stored, out ReadOnlySpan<byte> name)
    {
        var names = kind == AuditColumnKind.Status ? StatusNames : TargetTypeNames;
        foreach (var candidate in names)
        {
            if (stored.SequenceEqual(candidate))
            {
                name = candidate;
                return true;
            }
        }

        // Rare: stored by hand, as a number or with spaces; parsed as the explorer parses it.
        var text = Encoding.UTF8.GetString(stored);
        string? parsed = kind == AuditColumnKind.Status
            ? Enum.TryParse<AuditEventStatus>(text, out var s) ? s.ToString() : null
            : Enum.TryParse<AuditTargetType>(text, out var t) ? t.ToString() : null;
        name = parsed is null ? default : Encoding.UTF8.GetBytes(parsed);
        return parsed is not null;
    }

    /// <summary>"yyyy-MM-dd HH:mm:ss.fff" (CSV, as the grid shows times) or ISO 8601 "yyyy-MM-ddTHH:mm:ss.fffZ" (JSON), in UTC.</summary>
    protected static int FormatTime(long unixMs, bool iso, Span<byte> output)
    {
        // By hand: DateTime's custom format strings cost about a tenth of a second per million events.
        var time = ExportEventTime.FromUnixMs(unixMs);
        var (year, month, day) = time;
        var ofDay = time.TimeOfDay;
        Digits(output[..4], year);
        output[4] = (byte)'-';
        Digits(output.Slice(5, 2), month);
        output[7] = (byte)'-';
        Digits(output.Slice(8, 2), day);
        output[10] = iso ? (byte)'T' : (byte)' ';
        Digits(output.Slice(11, 2), ofDay.Hours);
        output[13] = (byte)':';
        Digits(output.Slice(14, 2), ofDay.Minutes);
        output[16] = (byte)':';
        Digits(output.Slice(17, 2), ofDay.Seconds);
        output[19] = (byte)'.';
        Digits(output.Slice(20, 3), ofDay.Milliseconds);
        if (!iso)
        {
            return 23;
        }

        output[23] = (byte)'Z';
        return 24;

        static void Digits(Span<byte> into, int value)
        {
            for (var i = into.Length - 1; i >= 0; i--, value /= 10)
            {
                into[i] = (byte)('0' + value % 10);
            }
        }
    }

    private static readonly byte[][] StatusNames = Enum.GetNames<AuditEventStatus>().Select(Encoding.UTF8.GetBytes).ToArray();

    private static readonly byte[][] TargetTypeNames = Enum.GetNames<AuditTargetType>().Select(Encoding.UTF8.GetBytes).ToArray();
}
