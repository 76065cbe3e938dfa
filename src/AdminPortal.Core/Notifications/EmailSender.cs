using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace AdminPortal.Core.Notifications;

/// <summary>E-mail through the configured SMTP server (MailKit): a plain-text body with an HTML alternative.</summary>
public sealed class EmailSender(IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Sends one message; a failure (or the timeout) is logged and reported as false, never thrown and never retried:
    /// the in-app notification stands anyway. Only the caller's own cancellation is thrown.</summary>
    public async Task<bool> SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            return false;
        }

        var security = settings.EffectiveSecurity;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var message = Message(settings, to, subject, body);
            using var client = new SmtpClient { Timeout = settings.TimeoutSeconds * 1000 };
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, SocketOptions(security), deadline.Token);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", deadline.Token);
            }

            await client.SendAsync(message, deadline.Token);
            await QuitAsync(client, deadline.Token);
            return true;
        }
        catch (AuthenticationException e)
        {
            // The server's answer names no password; the user name helps find which account was refused.
            logger.LogError("E-mail \"{Subject}\" to {Recipient} not sent: {SmtpHost}:{SmtpPort} refused the sign-in of Email:UserName {UserName} ({Reason}). Check Email:UserName and Email:Password.",
                subject, to, settings.SmtpHost, settings.SmtpPort, settings.UserName, e.Message);
            return false;
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            logger.LogWarning("E-mail \"{Subject}\" to {Recipient} not sent: {SmtpHost}:{SmtpPort} did not complete within Email:TimeoutSeconds ({TimeoutSeconds} s) with Email:Security {Security}.",
                subject, to, settings.SmtpHost, settings.SmtpPort, settings.TimeoutSeconds, security);
            return false;
        }
        catch (Exception e) when (e is CommandException or ProtocolException or SslHandshakeException or NotSupportedException
                                       or IOException or SocketException or ParseException or InvalidOperationException)
        {
            logger.LogWarning(e, "E-mail \"{Subject}\" to {Recipient} not sent through {SmtpHost}:{SmtpPort} with Email:Security {Security}: {Reason}",
                subject, to, settings.SmtpHost, settings.SmtpPort, security, e.Message);
            return false;
        }
    }

    private static MimeMessage Message(EmailOptions settings, string to, string subject, string body)
    {
        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(MailboxAddress.Parse(to));
        var html = WebUtility.HtmlEncode(body).ReplaceLineEndings("<br>\n");
        message.Body = new BodyBuilder
        {
            TextBody = body,
            HtmlBody = $"<!DOCTYPE html>\n<html><body style=\"font-family: sans-serif\"><p>{html}</p></body></html>",
        }.ToMessageBody();
        return message;
    }

    private static SecureSocketOptions SocketOptions(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"Email:Security {security} has no connection mode."),
    };

    /// <summary>Says goodbye; the message is already accepted, so a failing QUIT must not report it as lost.</summary>
    private async Task QuitAsync(SmtpClient client, CancellationToken ct)
    {
        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception e) when (e is IOException or ProtocolException or CommandException or OperationCanceledException)
        {
            logger.LogDebug(e, "The SMTP server closed before QUIT was answered; the message had been accepted.");
        }
    }
}
