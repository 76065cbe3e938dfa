using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>A position in the export order (event time, then row id): the keyset the next batch starts after.</summary>
public readonly record struct ExportCursor(long EventTimeMs, long RowId)
{
    public static ExportCursor Before(DateTime eventTimeUtc) => new(AuditEventWriter.ToUnixMs(eventTimeUtc), 0);
}
