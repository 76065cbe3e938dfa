namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>What a rejection's <see cref="AuditEventRejection.Line"/> counts.</summary>
public enum BatchPosition
{
    /// <summary>A 1-based line of an NDJSON body.</summary>
    Line,

    /// <summary>A 1-based element of a JSON array body.</summary>
    Element,

    /// <summary>The one event of a JSON body that is a single object (Line is 1).</summary>
    Body,
}

/// <summary>One event of a batch that was not accepted, and why, in words a person can act on.</summary>
public sealed record AuditEventRejection(int Line, BatchPosition Position, string? EventId, string Reason)
{
    /// <summary>"line 3: eventTime is missing", "element 2: …", or the reason alone for a single-object body.</summary>
    public string Message => Position switch
    {
        BatchPosition.Line => $"line {Line}: {Reason}",
        BatchPosition.Element => $"element {Line}: {Reason}",
        _ => Reason,
    };

    public override string ToString() => Message;
}

/// <summary>
/// The outcome of one ingestion batch: its events (parsed, not stored; empty when a sink received them), its rejected
/// events, and the counts. A batch error means the body could not be read as a batch at all (unsupported content type,
/// not an object or array); events read before a JSON syntax error in an array are kept, and that error is the last
/// rejection.
/// </summary>
public sealed class AuditParseResult
{
    /// <summary>How many rejections are listed; the rest are only counted, so that a body of garbage stays small to report.</summary>
    public const int MaxRejectionsListed = 1000;

    /// <summary>The accepted events, unless they were handed to a sink.</summary>
    public List<AuditEvent> Events { get; } = [];

    /// <summary>The first <see cref="MaxRejectionsListed"/> rejections, in body order.</summary>
    public List<AuditEventRejection> Rejections { get; } = [];

    public int AcceptedCount { get; internal set; }

    public int RejectedCount { get; internal set; }

    /// <summary>Why the body as a whole was refused; null when it was read.</summary>
    public string? BatchError { get; internal set; }
}

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
