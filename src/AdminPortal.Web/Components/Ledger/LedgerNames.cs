using AdminPortal.Core.Ledger;

namespace AdminPortal.Web.Components.Ledger;

/// <summary>How the ledger pages write an entity's key: "login (repository)" as the matching's display method does.</summary>
public static class LedgerNames
{
    public static string KeyAndParent(LedgerVersion version) =>
        version.Parent.Length == 0 ? version.Key : $"{version.Key} ({version.Parent})";
}
