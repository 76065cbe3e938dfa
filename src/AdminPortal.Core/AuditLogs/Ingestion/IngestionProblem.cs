namespace AdminPortal.Core.AuditLogs.Ingestion;

public sealed record IngestionProblem(int Line, string? EventId, string Reason);
