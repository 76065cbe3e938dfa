namespace AdminPortal.Core.Notifications;

/// <summary>The SMTP server notifications are e-mailed through (section "Email"); no host means e-mail is off.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>STARTTLS; leave on for any server outside the machine.</summary>
    public bool EnableSsl { get; set; } = true;

    public string? UserName { get; set; }

    /// <summary>Better set by environment (Email__Password) than in a file.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "AdminPortal <adminportal@localhost>";

    /// <summary>The portal's address as users reach it, for links in e-mails (https://portal.example.com).</summary>
    public string? PortalUrl { get; set; }

    public int TimeoutSeconds { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);
}
