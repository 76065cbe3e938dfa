namespace AdminPortal.Core.Ledger;

/// <summary>An account's membership of a group, from one snapshot until the one that no longer lists it.</summary>
public sealed class LedgerGroupMember
{
    public long Id { get; set; }

    public long GroupId { get; set; }

    public long AccountId { get; set; }

    public DateTime ValidFromUtc { get; set; }

    public DateTime ValidToUtc { get; set; } = LedgerVersion.Open;
}
