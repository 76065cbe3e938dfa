namespace AdminPortal.Core.Notifications;

public enum NotificationSeverity
{
    Info,
    Success,
    Warning,
    Error,
}
