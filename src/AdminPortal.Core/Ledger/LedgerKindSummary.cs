namespace AdminPortal.Core.Ledger;

/// <summary>One kind of the ledger as it stands now: how many entities are current, and the date of its last snapshot.</summary>
public sealed record LedgerKindSummary(LedgerKind Kind, string FileName, int Current, DateTime? LastSnapshotUtc);
