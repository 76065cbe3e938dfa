namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// The result of mapping one event: the event, or the reason it was rejected (with its id when known).
/// <see cref="DisplayNames"/> names the schema's fields as the event's shape does, for later messages about it.
/// </summary>
internal readonly record struct EventOutcome(AuditEvent? Event, string? EventId, string? Reason, IReadOnlyDictionary<string, string>? DisplayNames = null)
{
    /// <summary>Whether no field can hold U+0000 (its text has no \u0000 escape), so that the rules need not look.</summary>
    public bool FreeOfNul { get; init; }

    public static EventOutcome Accept(AuditEvent auditEvent, IReadOnlyDictionary<string, string>? displayNames = null) =>
        new(auditEvent, auditEvent.EventId, null, displayNames);

    public static EventOutcome Reject(string? eventId, string reason) =>
        new(null, string.IsNullOrWhiteSpace(eventId) ? null : eventId, reason);
}
