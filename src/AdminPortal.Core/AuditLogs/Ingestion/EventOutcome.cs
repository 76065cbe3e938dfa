namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// The result of mapping one event: the event, or the reason it was rejected (with its id when known).
/// <see cref="DisplayNames"/> names the schema's fields as the event's shape does, for later messages about it.
/// </summary>
internal readonly record struct EventOutcome(AuditEvent? Event, string? EventId, string? Reason, IReadOnlyDictionary<string, string>? DisplayNames = null)
{
    public static EventOutcome Accept(AuditEvent auditEvent, IReadOnlyDictionary<string, string>? displayNames = null) =>
        new(auditEvent, auditEvent.EventId, null, displayNames);

    public static EventOutcome Reject(string? eventId, string reason) =>
        new(null, string.IsNullOrWhiteSpace(eventId) ? null : eventId, reason);
}
