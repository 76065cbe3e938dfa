namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>One running portal (with a bootstrap Admin) and one Chromium for all browser tests of the collection.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Browser-Admin-42";
    public const int DemoEvents = 3000;

    public PortalProcess Portal { get; private set; } = default!;

    public ChromiumHost Chromium { get; } = new();

    public async Task InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Bootstrap__AdminEmail"] = AdminEmail,
            ["Bootstrap__AdminPassword"] = AdminPassword,
        }, seedDemoEvents: DemoEvents);
        await Chromium.StartAsync();
    }

    public Task<BrowserSession> OpenSessionAsync() => BrowserSession.OpenAsync(Chromium, Portal);

    /// <summary>A tab where the bootstrap Admin is signed in and <paramref name="path"/> is open with a live circuit.</summary>
    public async Task<BrowserSession> OpenAdminSessionAsync(string path)
    {
        var session = await OpenSessionAsync();
        await session.SignInAsync(AdminEmail, AdminPassword);
        await session.Page.GotoAsync(path);
        await session.WaitForCircuitAsync();
        return session;
    }

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
