namespace AdminPortal.Core.Notifications;

/// <summary>How the connection to the SMTP server is encrypted (Email:Security).</summary>
public enum EmailSecurity
{
    /// <summary>Follows the older Email:EnableSsl (on unless set to false): TLS from the first byte on port 465, STARTTLS elsewhere.</summary>
    Auto,

    /// <summary>Plain text: only for a relay on the same machine or network.</summary>
    None,

    /// <summary>Starts in plain text and upgrades with STARTTLS, refusing to go on if the server does not offer it (ports 587, 25).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}
