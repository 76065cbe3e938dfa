namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>How long AUDIT_LOGS keeps events, and how the clean-up runs.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    public int Days { get; set; } = 30;
    public int IntervalMinutes { get; set; } = 60;

    /// <summary>Rows per delete transaction: small enough that writers (ingestion) never wait long.</summary>
    public int BatchSize { get; set; } = 5000;
}
