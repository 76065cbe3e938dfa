namespace AdminPortal.Core.Ledger;

/// <summary>
/// An entity page's content: the version true at the date asked, its whole history, and for an identity her accounts,
/// for an identity or an account the groups it belongs to (through its accounts), as of that date.
/// </summary>
public sealed record LedgerEntityView(LedgerVersion Current, IReadOnlyList<LedgerVersion> History, IReadOnlyList<LedgerVersion> Accounts,
    IReadOnlyList<LedgerVersion> Groups);
