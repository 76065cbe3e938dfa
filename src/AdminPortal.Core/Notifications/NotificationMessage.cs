namespace AdminPortal.Core.Notifications;

/// <summary>What to tell: the bell shows all of it; the e-mail's subject is the title.</summary>
public sealed record NotificationMessage(string Title, string Message, NotificationSeverity Severity = NotificationSeverity.Info, string? Link = null);
