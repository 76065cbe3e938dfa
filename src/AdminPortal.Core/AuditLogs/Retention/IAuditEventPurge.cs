namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>
/// Removes the events older than a cutoff with what depends on them (events per hour, event ids, the search index).
/// One implementation per Database:Provider, chosen once at registration.
/// </summary>
public interface IAuditEventPurge
{
    /// <summary>Deletes every event whose time is before <paramref name="cutoffUtc"/>; the number deleted.</summary>
    Task<long> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct);
}
