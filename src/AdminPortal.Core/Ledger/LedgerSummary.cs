namespace AdminPortal.Core.Ledger;

/// <summary>The identity ledger page's figures: every kind's current count, and the latest imports, newest first.</summary>
public sealed record LedgerSummary(IReadOnlyList<LedgerKindSummary> Kinds, IReadOnlyList<LedgerSnapshot> Imports);
