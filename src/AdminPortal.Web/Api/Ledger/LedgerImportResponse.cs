using AdminPortal.Core.Ledger.Import;

namespace AdminPortal.Web.Api.Ledger;

/// <summary>What POST /api/ledger/{kind} answers: the snapshot's counts, or the error and every rejected line.</summary>
public sealed record LedgerImportResponse(
    string Kind, DateTime SnapshotDate, int Rows, int Added, int Changed, int Ended, int Rejected,
    IReadOnlyList<LedgerRejectionResponse> Rejections, int RejectionsNotListed, string? Error)
{
    public static LedgerImportResponse From(LedgerImportReport report, string fileName) => new(
        fileName, report.TakenAtUtc, report.Rows, report.Added, report.Changed, report.Ended, report.Rejected,
        [.. report.Rejections.Select(r => new LedgerRejectionResponse(r.Line, r.Message))], report.NotListed, report.Error);
}
