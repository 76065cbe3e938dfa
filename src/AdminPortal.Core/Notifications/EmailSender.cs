using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Notifications;

/// <summary>Plain-text e-mail through the configured SMTP server (System.Net.Mail: MailKit does not restore here).</summary>
public sealed class EmailSender(IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Sends one message; a failure is logged and reported as false, never thrown: the in-app notification stands anyway.</summary>
    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return false;
        }

        try
        {
            using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort)
            {
                EnableSsl = settings.EnableSsl,
                Timeout = settings.TimeoutSeconds * 1000,
                DeliveryMethod = SmtpDeliveryMethod.Network,
            };
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
            }

            using var message = new MailMessage(new MailAddress(settings.From), new MailAddress(to))
            {
                Subject = subject,
                Body = body,
                SubjectEncoding = System.Text.Encoding.UTF8,
                BodyEncoding = System.Text.Encoding.UTF8,
            };
            await client.SendMailAsync(message, ct);
            return true;
        }
        catch (Exception e) when (e is SmtpException or FormatException or InvalidOperationException or IOException)
        {
            logger.LogWarning(e, "E-mail \"{Subject}\" to {Recipient} could not be sent through {SmtpHost}:{SmtpPort}",
                subject, to, settings.SmtpHost, settings.SmtpPort);
            return false;
        }
    }
}
