using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Tests.Notifications;

/// <summary>The SMTP sender (MailKit) against real maildev servers: sign-in, refusal, and a security setting the server does not speak.</summary>
public sealed class EmailSenderTests(AuthenticatingMailPeer mail) : IClassFixture<AuthenticatingMailPeer>
{
    private readonly RecordingLoggerFactory logs = new();

    private EmailSender Sender(MailPeer peer, params (string Key, string Value)[] overrides)
    {
        var settings = peer.PortalSettings.Concat(overrides.Select(o => new KeyValuePair<string, string>(o.Key, o.Value)))
            .GroupBy(p => p.Key).Select(g => new KeyValuePair<string, string?>(g.Key, g.Last().Value));
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings).Build()
            .GetSection(EmailOptions.Section).Get<EmailOptions>()!;
        Assert.Empty(EmailOptionsValidator.Errors(options));
        return new EmailSender(Options.Create(options), new Logger<EmailSender>(logs));
    }

    [Fact]
    public async Task A_server_that_requires_sign_in_accepts_the_portals_message_with_a_UTF8_subject_and_an_HTML_body()
    {
        const string subject = "Export réussie ✓ — 東京 weekly";

        var sent = await Sender(mail.Authenticating).SendAsync("auditor@example.test", subject, "Rows: 42 <all of them>\nNext run: Monday", CancellationToken.None);

        Assert.True(sent, string.Join("\n", logs.Entries.Select(e => e.Message)));
        var received = await mail.Authenticating.WaitForAsync("auditor@example.test", subject);
        Assert.Equal(subject, received.Subject);
        Assert.Contains("Rows: 42 <all of them>", received.Text);
        Assert.Contains("Rows: 42 &lt;all of them&gt;<br>", received.Html);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_logged_clearly_without_the_password_and_nothing_is_delivered()
    {
        const string wrong = "not-the-Relay-password-91";

        var sent = await Sender(mail.Authenticating, ("Email:Password", wrong))
            .SendAsync("auditor@example.test", "Refused sign-in", "never delivered", CancellationToken.None);

        Assert.False(sent);
        var error = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error);
        Assert.Contains($"refused the sign-in of Email:UserName {AuthenticatingMailPeer.User}", error.Message);
        Assert.Contains("Check Email:UserName and Email:Password", error.Message);
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(wrong, StringComparison.Ordinal)
                                                 || (e.Exception?.ToString().Contains(wrong, StringComparison.Ordinal) ?? false));
        Assert.DoesNotContain(await mail.Authenticating.MessagesAsync(), m => m.Subject == "Refused sign-in");
    }

    [Fact]
    public async Task Ssl_on_connect_against_a_plain_text_server_fails_with_a_clear_message_within_the_timeout()
    {
        var sender = Sender(mail.Plain, ("Email:Security", "SslOnConnect"), ("Email:EnableSsl", "true"), ("Email:TimeoutSeconds", "3"));
        var clock = Stopwatch.StartNew();

        var sent = await sender.SendAsync("auditor@example.test", "Wrong security", "never delivered", CancellationToken.None);

        Assert.False(sent);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"Took {clock.Elapsed}: the timeout did not bound the attempt.");
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains($"127.0.0.1:{mail.Plain.SmtpPort}", warning.Message);
        Assert.Contains("Email:Security SslOnConnect", warning.Message);
        Assert.DoesNotContain(await mail.Plain.MessagesAsync(), m => m.Subject == "Wrong security");
    }

    [Fact]
    public async Task A_server_that_accepts_the_connection_but_never_answers_costs_at_most_the_timeout()
    {
        // The kernel completes the TCP handshake from the backlog; nothing ever reads or writes: a hung relay.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var sender = Sender(mail.Plain, ("Email:SmtpPort", $"{port}"), ("Email:TimeoutSeconds", "2"));
        var clock = Stopwatch.StartNew();

        var sent = await sender.SendAsync("auditor@example.test", "Hung relay", "never delivered", CancellationToken.None);

        Assert.False(sent);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(8));
        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains($"127.0.0.1:{port} did not complete within Email:TimeoutSeconds (2 s)", warning.Message);
    }

    [Fact]
    public async Task A_server_that_requires_sign_in_refuses_a_portal_configured_without_a_user_name()
    {
        var settings = mail.Authenticating.PortalSettings.Where(p => !p.Key.StartsWith("Email:UserName", StringComparison.Ordinal)).ToArray();
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build()
            .GetSection(EmailOptions.Section).Get<EmailOptions>()!;
        var sender = new EmailSender(Options.Create(options), new Logger<EmailSender>(logs));

        var sent = await sender.SendAsync("auditor@example.test", "Anonymous", "never delivered", CancellationToken.None);

        Assert.False(sent);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("not sent through", StringComparison.Ordinal));
    }
}
