using System.Buffers;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>One JSON object per line: column names as keys, times as ISO 8601 UTC, numbers as numbers, empty as null.</summary>
/// <remarks>
/// The bytes are Utf8JsonWriter's (minified, its default escaping). Writing the object through it costs about as much as
/// reading the row from SQLite, so the punctuation, names, numbers and times are written here, and so is a value none
/// of whose bytes the writer would escape (nearly all of them); any other value goes through the writer.
/// </remarks>
internal class JsonLinesExportSerializer : ExportSerializer
{
    private static readonly JsonWriterOptions Options = new() { SkipValidation = true };

    /// <summary>The bytes Utf8JsonWriter writes as they are inside a string, asked of the writer itself.</summary>
    private static readonly SearchValues<byte> Verbatim = SearchValues.Create(
        Enumerable.Range(0, 128).Select(b => (byte)b).Where(b => WrittenAsIs(b)).ToArray());

    private readonly byte[][] names;
    private Utf8JsonWriter? json;

    public JsonLinesExportSerializer(IReadOnlyList<AuditColumn> columns) : base(columns) =>
        // '{' or ',' then "Name": as the writer escapes the name.
        names = columns.Select((c, i) => Encoding.UTF8.GetBytes((i == 0 ? "{" : ",") + JsonSerializer.Serialize(c.Name) + ":")).ToArray();

    public override string ContentType => "application/x-ndjson";

    public override void Begin()
    {
    }

    public override void Write<TRow>(TRow row)
    {
        WriteObject(row);
        WriteByte((byte)'\n');
    }

    public override void End()
    {
    }

    protected void WriteObject<TRow>(TRow row) where TRow : IExportRow
    {
        for (var i = 0; i < Kinds.Length; i++)
        {
            WriteBytes(names[i]);
            switch (Kinds[i])
            {
                case AuditColumnKind.Time when row.TryGetInt64(i, out var ms):
                    var time = Buffer.GetSpan(26);
                    time[0] = (byte)'"';
                    var length = FormatTime(ms, iso: true, time[1..]);
                    time[length + 1] = (byte)'"';
                    Buffer.Advance(length + 2);
                    break;
                case AuditColumnKind.Number when row.TryGetInt64(i, out var n):
                    n.TryFormat(Buffer.GetSpan(20), out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
                    Buffer.Advance(written);
                    break;
                case AuditColumnKind.Status or AuditColumnKind.TargetType when row.TryGetUtf8(i, out var stored) && TryEnumName(Kinds[i], stored, out var name):
                    WriteString(name);
                    break;
                case AuditColumnKind.Text when row.TryGetUtf8(i, out var text):
                    WriteString(text);
                    break;
                default:
                    WriteBytes("null"u8);
                    break;
            }
        }

        WriteByte((byte)'}');
    }

    private void WriteString(ReadOnlySpan<byte> value)
    {
        if (!value.ContainsAnyExcept(Verbatim))
        {
            WriteByte((byte)'"');
            WriteBytes(value);
            WriteByte((byte)'"');
            return;
        }

        if (json is null)
        {
            json = new Utf8JsonWriter(Buffer, Options);
        }
        else
        {
            json.Reset(Buffer);
        }

        json.WriteStringValue(value);
        json.Flush();
    }

    private static bool WrittenAsIs(byte b)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output, Options))
        {
            writer.WriteStringValue([b]);
        }

        return output.WrittenSpan.SequenceEqual([(byte)'"', b, (byte)'"']);
    }
}
