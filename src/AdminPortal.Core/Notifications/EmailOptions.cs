namespace AdminPortal.Core.Notifications;

/// <summary>The SMTP server notifications are e-mailed through (section "Email"); no host means e-mail is off.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The port that speaks TLS from the first byte (RFC 8314); every other port starts in plain text.</summary>
    public const int ImplicitTlsPort = 465;

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;

    /// <summary>How the connection is encrypted; <see cref="EmailSecurity.Auto"/> keeps configs that only set EnableSsl working.</summary>
    public EmailSecurity Security { get; set; } = EmailSecurity.Auto;

    /// <summary>The setting before <see cref="Security"/>: false means plain text. Unset (null) counts as true, so encryption stays on by default.</summary>
    public bool? EnableSsl { get; set; }

    /// <summary>Authentication happens only when this is set.</summary>
    public string? UserName { get; set; }

    /// <summary>Better set by environment (Email__Password) than in a file.</summary>
    public string? Password { get; set; }

    public string From { get; set; } = "AdminPortal <adminportal@localhost>";

    /// <summary>The portal's address as users reach it, for links in e-mails (https://portal.example.com).</summary>
    public string? PortalUrl { get; set; }

    /// <summary>Bounds one whole delivery (connect, TLS, auth, send): a server that never answers costs at most this.</summary>
    public int TimeoutSeconds { get; set; } = 15;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>The security actually used: <see cref="Security"/>, or for Auto what EnableSsl and the port imply.</summary>
    public EmailSecurity EffectiveSecurity => Security switch
    {
        EmailSecurity.Auto when EnableSsl == false => EmailSecurity.None,
        EmailSecurity.Auto => SmtpPort == ImplicitTlsPort ? EmailSecurity.SslOnConnect : EmailSecurity.StartTls,
        var chosen => chosen,
    };
}
