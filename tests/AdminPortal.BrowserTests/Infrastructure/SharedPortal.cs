namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>One running portal (with a bootstrap Admin) and one Chromium for all browser tests of the collection.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Browser-Admin-42";

    public PortalProcess Portal { get; private set; } = default!;

    public ChromiumHost Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
        });
        await Chromium.StartAsync();
    }

    public Task<BrowserSession> OpenSessionAsync() => BrowserSession.OpenAsync(Chromium, Portal);

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Portal.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<SharedPortal>
{
    public const string Name = "Shared portal";
}
