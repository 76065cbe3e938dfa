namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>
/// Something that still needs old events (an enabled incremental export that has not exported them yet).
/// Retention never deletes events at or after the earliest time any hold returns.
/// </summary>
public interface IRetentionHold
{
    /// <summary>Name shown on the settings page ("Export 'Nightly S3'").</summary>
    string Name { get; }

    Task<DateTime?> OldestNeededUtcAsync(CancellationToken ct);
}
