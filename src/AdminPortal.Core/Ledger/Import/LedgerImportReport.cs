using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.Ledger.Import;

/// <summary>
/// What an import did: the snapshot's rows and how the ledger changed, or (<see cref="Error"/> set) why nothing was
/// stored, with every rejected line when lines were the reason.
/// </summary>
public sealed record LedgerImportReport(
    LedgerKind Kind, DateTime TakenAtUtc, int Rows, int Added, int Changed, int Ended, int Rejected,
    IReadOnlyList<CsvRowRejection> Rejections, string? Error)
{
    public int NotListed => Rejected - Rejections.Count;

    public static LedgerImportReport Refused(LedgerKind kind, DateTime takenAtUtc, string error) => new(kind, takenAtUtc, 0, 0, 0, 0, 0, [], error);
}
