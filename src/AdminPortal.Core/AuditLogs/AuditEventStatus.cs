namespace AdminPortal.Core.AuditLogs;

public enum AuditEventStatus
{
    Success,
    Fail,
}
