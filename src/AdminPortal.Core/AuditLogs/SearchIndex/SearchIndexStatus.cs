namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>How far the full-text index has come: events with a larger id than <see cref="IndexedUpToId"/> wait.</summary>
public sealed record SearchIndexStatus(long IndexedUpToId, long LastId)
{
    public long Pending => Math.Max(0, LastId - IndexedUpToId);
}
