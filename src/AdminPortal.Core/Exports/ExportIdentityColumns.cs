using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Ledger.Matching;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The columns a schedule with <see cref="ScheduledExport.IncludeIdentityColumns"/> adds after the element's: for the
/// actor, the target and the second target, what the ledger matching linked it to as of the event (the entity's kind
/// and id, the identity behind it, the name to show), read from <see cref="LedgerMatch"/> by a LEFT JOIN on its key
/// (event row id, slot). Empty (NULL) when nothing matched: no run covered the event, or no rule matched.
/// </summary>
public static class ExportIdentityColumns
{
    private static readonly (string Prefix, string Words, int Slot, string Alias)[] Slots =
    [
        ("Actor", "Actor", LedgerMatch.ActorSlot, "mact"),
        ("Target", "Target", LedgerMatch.TargetSlot, "mtgt"),
        ("SecondTarget", "Second target", LedgerMatch.SecondTargetSlot, "msnd"),
    ];

    private static readonly (string Suffix, string Words, AuditColumnKind Kind, string Sql)[] Fields =
    [
        ("EntityKind", "entity kind", AuditColumnKind.Text, nameof(LedgerMatch.EntityKind)),
        ("EntityId", "entity id", AuditColumnKind.Number, nameof(LedgerMatch.EntityId)),
        ("IdentityId", "identity id", AuditColumnKind.Number, nameof(LedgerMatch.IdentityId)),
        ("DisplayName", "display name", AuditColumnKind.Text, nameof(LedgerMatch.DisplayName)),
    ];

    /// <summary>Column name → the joined match's column and slot.</summary>
    private static readonly Dictionary<string, (string Sql, int Slot)> Sources = Slots
        .SelectMany(s => Fields.Select(f => (Name: s.Prefix + f.Suffix, Sql: $"{s.Alias}.\"{f.Sql}\"", s.Slot)))
        .ToDictionary(x => x.Name, x => (x.Sql, x.Slot));

    /// <summary>ActorEntityKind, ActorEntityId, ActorIdentityId, ActorDisplayName, then Target…, then SecondTarget….</summary>
    public static IReadOnlyList<AuditColumn> All { get; } = Slots
        .SelectMany(s => Fields.Select(f => new AuditColumn(s.Prefix + f.Suffix, $"{s.Words} {f.Words}", f.Kind)))
        .ToList();

    /// <summary>Where an identity column is read (<c>mact."DisplayName"</c>); null for an event's own column.</summary>
    internal static string? Source(AuditColumn column) => Sources.TryGetValue(column.Name, out var source) ? source.Sql : null;

    /// <summary>
    /// The LEFT JOINs of the slots <paramref name="columns"/> read, after a FROM "AuditEvents" aliased
    /// <paramref name="events"/>; "" when they read none, so an export without identity columns runs the statement it
    /// always ran. Each join is one primary-key probe per event (key EventId, Slot: at most one row, so no event is
    /// repeated or lost).
    /// </summary>
    internal static string Joins(IEnumerable<AuditColumn> columns, string events)
    {
        var slots = columns.Select(c => Sources.TryGetValue(c.Name, out var s) ? s.Slot : -1).Where(s => s >= 0).ToHashSet();
        return string.Concat(Slots.Where(s => slots.Contains(s.Slot)).Select(s =>
            $" LEFT JOIN \"LedgerMatches\" {s.Alias} ON {s.Alias}.\"EventId\" = {events}.\"Id\" AND {s.Alias}.\"Slot\" = {s.Slot}"));
    }
}
