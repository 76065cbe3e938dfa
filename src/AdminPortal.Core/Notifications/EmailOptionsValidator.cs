using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Core.Notifications;

/// <summary>Checks the Email section at start, so a wrong setting stops the portal with a sentence instead of failing every notification later.</summary>
public sealed class EmailOptionsValidator : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(EmailOptions options)
    {
        var errors = new List<string>();
        if (options.SmtpPort is <= 0 or >= 65536)
        {
            errors.Add("Email:SmtpPort must be 1 to 65535.");
        }

        if (options.TimeoutSeconds is < 1 or > 300)
        {
            errors.Add("Email:TimeoutSeconds must be 1 to 300.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            errors.Add("Email:Security must be Auto, None, StartTls or SslOnConnect.");
        }

        if (!string.IsNullOrWhiteSpace(options.PortalUrl) && !Uri.TryCreate(options.PortalUrl, UriKind.Absolute, out _))
        {
            errors.Add("Email:PortalUrl must be an absolute URL such as https://portal.example.com.");
        }

        if (!options.IsConfigured)
        {
            return errors;
        }

        if (!IsMailbox(options.From))
        {
            errors.Add("Email:From must be an e-mail address, such as AdminPortal <adminportal@example.com>.");
        }

        // Both settings given and disagreeing: guessing which one was meant could send a password in clear.
        if (options.Security is not EmailSecurity.Auto && options.EnableSsl is { } ssl && ssl != (options.Security is not EmailSecurity.None))
        {
            errors.Add($"Email:EnableSsl={ssl.ToString().ToLowerInvariant()} contradicts Email:Security={options.Security}. Remove Email:EnableSsl: Email:Security replaces it.");
        }

        // A mismatch of security and port does not fail fast on the wire: it waits for the timeout on every message.
        var security = options.EffectiveSecurity;
        if (security is EmailSecurity.StartTls && options.SmtpPort == EmailOptions.ImplicitTlsPort)
        {
            errors.Add($"Email:Security=StartTls does not work on port {EmailOptions.ImplicitTlsPort}, which speaks TLS from the first byte: use SslOnConnect there, or StartTls on port 587.");
        }
        else if (security is EmailSecurity.SslOnConnect && options.SmtpPort is 25 or 587)
        {
            errors.Add($"Email:Security=SslOnConnect does not work on port {options.SmtpPort}, which starts in plain text: use StartTls there, or SslOnConnect on port {EmailOptions.ImplicitTlsPort}.");
        }

        return errors;
    }

    /// <summary>One address with a domain, with or without a display name ("AdminPortal &lt;portal@example.com&gt;").</summary>
    public static bool IsMailbox(string? text) =>
        MailboxAddress.TryParse(text ?? "", out var mailbox) && mailbox.Domain.Length > 0 && mailbox.LocalPart.Length > 0;
}
