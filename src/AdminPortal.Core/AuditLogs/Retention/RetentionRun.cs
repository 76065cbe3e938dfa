namespace AdminPortal.Core.AuditLogs.Retention;

public sealed record RetentionRun(DateTime RanAtUtc, DateTime CutoffUtc, long Deleted, string? HeldBy);
