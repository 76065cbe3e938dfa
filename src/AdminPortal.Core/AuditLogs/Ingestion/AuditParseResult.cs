namespace AdminPortal.Core.AuditLogs.Ingestion;

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
