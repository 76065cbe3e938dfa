namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// Reads AUDIT_LOGS for the explorer, the event drawer, the chart and the CSV download. One implementation per
/// Database:Provider, chosen once at registration: <see cref="AuditEventReader"/> (SQLite) and
/// <see cref="PostgreSqlAuditEventQueries"/>.
/// </summary>
public interface IAuditEventQueries
{
    /// <summary>One page of the query's events and their number (exact up to <see cref="AuditEventReader.ExactCountLimit"/>).</summary>
    Task<AuditPage> PageAsync(AuditQuery query, CancellationToken ct = default);

    Task<AuditEvent?> GetAsync(long id, CancellationToken ct = default);

    /// <summary>Events per time bucket over the window cut to the stored events' first and last times, empty buckets included.</summary>
    Task<IReadOnlyList<HistogramBucket>> HistogramAsync(AuditQuery query, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default);

    /// <summary>Every event the query matches, in its order, read as the consumer goes.</summary>
    IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery query, CancellationToken ct = default);
}
