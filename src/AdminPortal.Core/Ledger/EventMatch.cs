namespace AdminPortal.Core.Ledger;

/// <summary>
/// What an event's actor (<see cref="Slot"/> 0) or target (1, second target 2) was matched to: the ledger entity and the
/// name to show in place of the raw login or target name.
/// </summary>
public sealed record EventMatch(long EventId, int Slot, LedgerKind Kind, long EntityId, long? IdentityId, string DisplayName, int PolicyId, int RuleId);
