namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// An event's actor (slot 0) or target (1: the target, 2: the second target) linked to the ledger entity it was as of
/// the event's time, with the name to show for it. One row per event and slot; a re-run over a range replaces them.
/// </summary>
public sealed class LedgerMatch
{
    public const int ActorSlot = 0;
    public const int TargetSlot = 1;
    public const int SecondTargetSlot = 2;

    /// <summary>The event's row id (AuditEvents.Id).</summary>
    public long EventId { get; set; }

    public int Slot { get; set; }

    /// <summary>The event's time, copied so that a re-run replaces a time range without reading the events.</summary>
    public DateTime EventTimeUtc { get; set; }

    public LedgerKind EntityKind { get; set; }

    public long EntityId { get; set; }

    /// <summary>The identity behind the match as of the event: the account's owner, or the identity itself; null otherwise.</summary>
    public long? IdentityId { get; set; }

    public string DisplayName { get; set; } = "";

    public int PolicyId { get; set; }

    public int RuleId { get; set; }
}
