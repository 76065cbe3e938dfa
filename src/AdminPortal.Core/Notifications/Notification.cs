namespace AdminPortal.Core.Notifications;

/// <summary>One message in a user's notification bell; also e-mailed when e-mail is configured.</summary>
public sealed class Notification
{
    public long Id { get; set; }

    /// <summary>The user's sign-in e-mail in lower case (the portal's user names are e-mail addresses).</summary>
    public string Recipient { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public NotificationSeverity Severity { get; set; }
    public string Title { get; set; } = "";
    public string Message { get; set; } = "";

    /// <summary>A portal path to open from the bell (such as /admin/settings?tab=audit-logging).</summary>
    public string? Link { get; set; }

    public DateTime? ReadAtUtc { get; set; }
}
