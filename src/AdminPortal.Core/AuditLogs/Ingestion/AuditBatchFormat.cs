namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>The two body formats of the ingestion API.</summary>
public enum AuditBatchFormat
{
    /// <summary>application/json: one event object or an array of event objects.</summary>
    Json,

    /// <summary>application/x-ndjson: one event object per line; blank lines are skipped.</summary>
    Ndjson,
}
