using System.Buffers;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>The explorer's CSV download, byte for byte in its header and cells (without the spreadsheet formula guard), LF line ends.</summary>
internal sealed class CsvExportSerializer(IReadOnlyList<AuditColumn> columns) : ExportSerializer(columns)
{
    // RFC 4180: a cell holding one of these is quoted (AuditCsv.Cell); none of them occurs inside a UTF-8 sequence.
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\n\r"u8);

    public override string ContentType => "text/csv; charset=utf-8";

    public override void Begin()
    {
        WriteUtf8(AuditCsv.Header(Columns, formulaGuard: false));
        WriteByte((byte)'\n');
    }

    public override void Write<TRow>(TRow row)
    {
        for (var i = 0; i < Kinds.Length; i++)
        {
            if (i > 0)
            {
                WriteByte((byte)',');
            }

            switch (Kinds[i])
            {
                case AuditColumnKind.Time when row.TryGetInt64(i, out var ms):
                    Buffer.Advance(FormatTime(ms, iso: false, Buffer.GetSpan(24)));
                    break;
                case AuditColumnKind.Number when row.TryGetInt64(i, out var n):
                    n.TryFormat(Buffer.GetSpan(20), out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
                    Buffer.Advance(written);
                    break;
                case AuditColumnKind.Status or AuditColumnKind.TargetType when row.TryGetUtf8(i, out var stored):
                    if (TryEnumName(Kinds[i], stored, out var name))
                    {
                        WriteBytes(name);
                    }

                    break;
                case AuditColumnKind.Text when row.TryGetUtf8(i, out var text):
                    WriteCell(text);
                    break;
            }
        }

        WriteByte((byte)'\n');
    }

    public override void End()
    {
    }

    private void WriteCell(ReadOnlySpan<byte> text)
    {
        if (!text.ContainsAny(NeedsQuotes))
        {
            WriteBytes(text);
            return;
        }

        WriteByte((byte)'"');
        int quote;
        while ((quote = text.IndexOf((byte)'"')) >= 0)
        {
            WriteBytes(text[..(quote + 1)]);
            WriteByte((byte)'"');
            text = text[(quote + 1)..];
        }

        WriteBytes(text);
        WriteByte((byte)'"');
    }
}
