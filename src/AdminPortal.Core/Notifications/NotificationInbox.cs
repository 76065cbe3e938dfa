namespace AdminPortal.Core.Notifications;

/// <summary>What the bell shows.</summary>
public sealed record NotificationInbox(IReadOnlyList<Notification> Latest, int Unread);
