using System.Text;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>An <see cref="AuditEvent"/> in memory as an <see cref="IExportRow"/>, in the form the store keeps it.</summary>
public sealed class AuditEventRow(IReadOnlyList<AuditColumn> columns) : IExportRow
{
    // An event in memory carries no ledger match: its identity columns are empty.
    private readonly Func<AuditEvent, object?>[] getters = columns
        .Select(c => ExportIdentityColumns.Source(c) is null ? AuditEventWriter.Getter(c.Name) : _ => null)
        .ToArray();

    public AuditEvent Event { get; set; } = new();

    public bool TryGetInt64(int column, out long value)
    {
        var stored = getters[column](Event);
        value = stored is null ? 0 : Convert.ToInt64(stored, System.Globalization.CultureInfo.InvariantCulture);
        return stored is not null;
    }

    public bool TryGetUtf8(int column, out ReadOnlySpan<byte> value)
    {
        var stored = (string?)getters[column](Event);
        value = stored is null ? default : Encoding.UTF8.GetBytes(stored);
        return stored is not null;
    }
}
