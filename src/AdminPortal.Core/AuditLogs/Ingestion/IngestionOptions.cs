namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>Limits of ingestion (the API and CSV collection), section "Ingestion".</summary>
public sealed class IngestionOptions
{
    public const string Section = "Ingestion";

    /// <summary>Largest request body accepted, in bytes (default 64 MiB); larger ones get a 413 that says so.</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How far past the portal's clock an event time may be, in hours (default 24: clocks drift and time zones get
    /// mislabelled, but an event from next year is a bug or an attack; one such event used to stop every export).
    /// </summary>
    public int MaxFutureHours { get; set; } = 24;

    /// <summary>Ingestion requests (API and CSV) handled at once; more get a 429 with Retry-After.</summary>
    public int MaxConcurrentRequests { get; set; } = 4;

    /// <summary>Requests a second one ingestion token may send, on average (token bucket).</summary>
    public int RequestsPerSecondPerToken { get; set; } = 20;

    /// <summary>Requests one ingestion token may send at once above that rate (the bucket's size).</summary>
    public int RequestBurstPerToken { get; set; } = 40;
}
