namespace AdminPortal.Core.AuditLogs.Explorer;

public sealed record HistogramBucket(DateTime StartUtc, long Count);
