using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// The rows a CSV reading rejected: the first <see cref="AuditParseResult.MaxRejectionsListed"/> listed with their line
/// and reason (cut to <see cref="MaxReasonLength"/>), all counted. Shared by the collection and the ledger's imports.
/// </summary>
public sealed class CsvRejections
{
    /// <summary>The longest reason kept: a reason may quote a cell, and a cell may be megabytes long.</summary>
    public const int MaxReasonLength = 1000;

    public List<CsvRowRejection> Listed { get; } = [];

    public int Count { get; private set; }

    public void Reject(int line, string reason)
    {
        Count++;
        if (Listed.Count < AuditParseResult.MaxRejectionsListed)
        {
            Listed.Add(new CsvRowRejection(line, JsonValues.Shorten(reason, MaxReasonLength - 1)));
        }
    }
}
