using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

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

    public override void Write<TRow>(TRow row)
    {
        WriteByte(first ? (byte)'\n' : (byte)',');
        if (!first)
        {
            WriteByte((byte)'\n');
        }

        first = false;
        WriteObject(row);
    }

    public override void End()
    {
        WriteUtf8(first ? "]\n" : "\n]\n");
    }
}
