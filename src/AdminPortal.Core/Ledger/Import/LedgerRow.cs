namespace AdminPortal.Core.Ledger.Import;

/// <summary>One valid row of a ledger file: an entity as the snapshot describes it.</summary>
public sealed record LedgerRow(int Line, string Parent, string Key, string Name)
{
    /// <summary>An account's owner, as the identity's HR code.</summary>
    public string? Owner { get; init; }

    public string? Sid { get; init; }

    public string? GivenName { get; init; }

    public string? FamilyName { get; init; }

    public string? Email { get; init; }

    public string? Organisation { get; init; }

    /// <summary>A group's members: logins of accounts in the group's repository.</summary>
    public IReadOnlyList<string> Members { get; init; } = [];
}
