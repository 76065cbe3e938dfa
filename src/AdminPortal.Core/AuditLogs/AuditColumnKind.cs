namespace AdminPortal.Core.AuditLogs;

public enum AuditColumnKind
{
    Text,
    Number,
    Time,
    Status,
    TargetType,
}
