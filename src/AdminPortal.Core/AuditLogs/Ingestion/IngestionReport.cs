namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// What the ingestion API answers: counts, and the first rejected lines with their reasons
/// (<see cref="AuditParseResult.MaxRejectionsListed"/>; <see cref="NotListed"/> more were only counted).
/// </summary>
public sealed record IngestionReport(
    int Received,
    int Stored,
    int Duplicates,
    int Rejected,
    IReadOnlyList<IngestionProblem> Rejections,
    string? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>The earliest and latest event times of what was received (a CSV collection's), for a matching policy to run over.</summary>
    public (DateTime From, DateTime To)? EventTimes { get; init; }

    /// <summary>The run of the matching policy a CSV collection named (Ledger/README.md); null when it named none or stored nothing.</summary>
    public Ledger.Matching.MatchingRunReport? Matching { get; init; }

    /// <summary>Rejections counted but not listed.</summary>
    public int NotListed => Math.Max(0, Rejected - Rejections.Count);
}
