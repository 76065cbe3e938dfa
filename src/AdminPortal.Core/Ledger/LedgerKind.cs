namespace AdminPortal.Core.Ledger;

/// <summary>The kinds of entity the identity ledger holds (Brainwave's ledger), each imported from a CSV file of its own.</summary>
public enum LedgerKind
{
    Organisation,
    Identity,
    Repository,
    Account,
    Group,
    Application,
    Permission,
    Asset,
}
