namespace AdminPortal.Core.AuditLogs;

/// <summary>The nine target types of the audit schema.</summary>
public enum AuditTargetType
{
    Account,
    Identity,
    Group,
    Organisation,
    Asset,
    Application,
    Permission,
    Repository,
    Perimeter,
}
