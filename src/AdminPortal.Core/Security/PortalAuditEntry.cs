using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Security;

/// <summary>One action of the portal itself, as it is written to the audit log store.</summary>
public sealed record PortalAuditEntry(
    string Code,
    string Label,
    string Action,
    string Category,
    string? Actor,
    bool Success,
    AuditTargetType? TargetType = null,
    string? TargetName = null,
    string? IpAddress = null,
    string? Details = null,
    string? OldValue = null,
    string? NewValue = null);
