namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>A filter on one column of AUDIT_LOGS. <see cref="Values"/> serves <see cref="FilterOperator.In"/>.</summary>
public sealed record AuditFilter(string Column, FilterOperator Operator, string? Value = null, IReadOnlyList<string>? Values = null);
