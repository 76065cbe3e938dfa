namespace AdminPortal.Core.Ledger;

/// <summary>
/// One thing of the ledger, whatever its history: an account is the same entity before and after it changed owner.
/// Its attributes, as they were over time, are its <see cref="LedgerVersion"/>s. Matches name the entity's id, so that
/// an entity page gathers its events across every version.
/// </summary>
public sealed class LedgerEntity
{
    public long Id { get; set; }

    public LedgerKind Kind { get; set; }

    /// <summary>The key of what contains it ("" when nothing does): an account's or group's repository, a permission's application.</summary>
    public string Parent { get; set; } = "";

    /// <summary>Its key within the parent: an identity's HR code, an account's login, a group's or application's code.</summary>
    public string Key { get; set; } = "";
}
