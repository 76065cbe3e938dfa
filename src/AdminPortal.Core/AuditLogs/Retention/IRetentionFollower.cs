namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>
/// What another feature keeps per event (the ledger's matches) and removes with the events retention removes, so that
/// nothing about a purged event stays behind. Called after <see cref="IAuditEventPurge"/>, with the same cutoff.
/// </summary>
public interface IRetentionFollower
{
    /// <summary>Deletes what belongs to events whose time is before <paramref name="cutoffUtc"/>; the number deleted.</summary>
    Task<long> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct);
}
