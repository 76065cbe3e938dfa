using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Tests.Notifications;

/// <summary>A maildev that takes mail only from a client signed in as <see cref="User"/>, beside a plain one for the security-mismatch test.</summary>
public sealed class AuthenticatingMailPeer : IAsyncLifetime
{
    public const string User = "portal-relay";
    public const string Password = "relay-Pässword-7";

    public MailPeer Authenticating { get; } = new() { IncomingUser = User, IncomingPassword = Password };

    public MailPeer Plain { get; } = new();

    public async Task InitializeAsync()
    {
        await Authenticating.InitializeAsync();
        await Plain.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await Authenticating.DisposeAsync();
        await Plain.DisposeAsync();
    }
}
