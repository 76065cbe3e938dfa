namespace AdminPortal.Core.AuditLogs;

public sealed record IngestionTokenSummary(int Id, string Name, string Prefix, DateTime CreatedAtUtc, string CreatedBy, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc);
