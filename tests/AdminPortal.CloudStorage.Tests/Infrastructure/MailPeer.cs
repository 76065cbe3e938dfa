using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>maildev: a real SMTP server on a free loopback port, whose web API lists what it received (EMULATORS.md).</summary>
public sealed class MailPeer : IAsyncLifetime
{
    private readonly PeerProcesses peers = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public int SmtpPort { get; private set; }

    /// <summary>When set (with <see cref="IncomingPassword"/>), maildev accepts only messages from a client signed in as this user.</summary>
    public string? IncomingUser { get; init; }

    public string? IncomingPassword { get; init; }

    public Uri WebUrl { get; private set; } = null!;

    /// <summary>The portal's Email settings that deliver here, as environment variables or configuration keys.</summary>
    public IReadOnlyDictionary<string, string> PortalSettings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["Email:SmtpHost"] = "127.0.0.1",
                ["Email:SmtpPort"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Email:EnableSsl"] = "false",
                ["Email:From"] = "AdminPortal <adminportal@example.test>",
                ["Email:PortalUrl"] = "https://portal.example.test",
            };
            if (IncomingUser is not null)
            {
                settings["Email:UserName"] = IncomingUser;
                settings["Email:Password"] = IncomingPassword ?? "";
            }

            return settings;
        }
    }

    public async Task InitializeAsync()
    {
        await PeerProcesses.EnsureInstalledAsync();
        SmtpPort = PeerProcesses.FreePort();
        var webPort = PeerProcesses.FreePort();
        WebUrl = new Uri($"http://127.0.0.1:{webPort}/");
        string[] auth = IncomingUser is null ? [] : ["--incoming-user", IncomingUser, "--incoming-pass", IncomingPassword ?? ""];
        peers.Start(Path.Combine(peers.Bin, "maildev"),
            ["--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", $"{SmtpPort}", "--web", $"{webPort}", "--mail-directory", peers.Folder("mail"), .. auth]);
        await peers.WaitUntilAsync(new Uri(WebUrl, "healthz"), HttpStatusCode.OK);
    }

    public async Task<IReadOnlyList<ReceivedMail>> MessagesAsync() =>
        await http.GetFromJsonAsync<List<ReceivedMail>>(new Uri(WebUrl, "email")) ?? [];

    /// <summary>The first message to <paramref name="to"/> whose subject contains <paramref name="subject"/> (and whose text contains
    /// <paramref name="mentioning"/>), waiting for it to arrive.</summary>
    public async Task<ReceivedMail> WaitForAsync(string to, string subject, string? mentioning = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var match = (await MessagesAsync()).FirstOrDefault(m =>
                m.Subject.Contains(subject, StringComparison.Ordinal)
                && (mentioning is null || (m.Text ?? "").Contains(mentioning, StringComparison.Ordinal))
                && m.To.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase)));
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                var seen = string.Join("\n", (await MessagesAsync()).Select(m => $"{string.Join(",", m.To.Select(a => a.Address))}: {m.Subject}"));
                throw new TimeoutException($"No e-mail \"{subject}\" to {to} arrived. Received:\n{seen}");
            }

            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        peers.Dispose();
        http.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>One message as maildev's <c>GET /email</c> lists it.</summary>
public sealed record ReceivedMail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("text")] string? Text,
    [property: JsonPropertyName("to")] IReadOnlyList<MailAddressee> To,
    [property: JsonPropertyName("html")] string? Html = null);

public sealed record MailAddressee([property: JsonPropertyName("address")] string Address);
