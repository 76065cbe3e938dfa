using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>One running portal (with a bootstrap Admin) and one Chromium for all browser tests of the collection.</summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "Browser-Admin-42";
    public const int DemoEvents = 3000;
    public const string IamUserArn = "arn:aws:iam::123456789012:user/adminportal";

    public PortalProcess Portal { get; private set; } = default!;

    public ChromiumHost Chromium { get; } = new();

    /// <summary>s3rver, Azurite and the GCS emulator: the customers' clouds.</summary>
    public StoragePeers Storage { get; } = new();

    /// <summary>The SMTP server the portal e-mails notifications to.</summary>
    public MailPeer Mail { get; } = new();

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Storage.InitializeAsync(), Mail.InitializeAsync(), Chromium.StartAsync());
        Portal = await StartPortalAsync();
    }

    /// <summary>
    /// A portal like the shared one (the same settings, Admin and demo events) but of its own, for a test whose data
    /// must not reach the shared portal's other tests (the README's screenshots: their integrations and schedules would
    /// show in other tests' lists and searches). The test disposes it.
    /// </summary>
    public Task<PortalProcess> StartPortalAsync()
    {
        var settings = new Dictionary<string, string>(Mail.PortalSettings)
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            // Every test signs in from 127.0.0.1, far more often than people do.
            ["SignIn:AttemptsPerAddress"] = "100000",
            ["Integrations:AwsIamUserArn"] = IamUserArn,
            ["Integrations:AzureAppName"] = "AdminPortal Audit Export",
            ["Integrations:AzureAppClientId"] = "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04",
            ["Integrations:GcpServiceAccount"] = "adminportal-export@adminportal-prod.iam.gserviceaccount.com",
            // Failure e-mails go to portal users only, unless their domain is allowed: the tests' soc-team@example.test.
            ["Exports:AllowedRecipientDomains:0"] = "example.test",
        };
        return PortalProcess.StartAsync(settings, seedDemoEvents: DemoEvents);
    }

    public Task<BrowserSession> OpenSessionAsync() => BrowserSession.OpenAsync(Chromium, Portal);

    /// <summary>A tab where the bootstrap Admin is signed in and <paramref name="path"/> is open with a live circuit.</summary>
    public Task<BrowserSession> OpenAdminSessionAsync(string path) => OpenAdminSessionAsync(Portal, path);

    /// <summary>The same on <paramref name="portal"/> (one of <see cref="StartPortalAsync"/>).</summary>
    public async Task<BrowserSession> OpenAdminSessionAsync(PortalProcess portal, string path)
    {
        var session = await BrowserSession.OpenAsync(Chromium, portal);
        await session.SignInAsync(AdminEmail, AdminPassword);
        await session.Page.GotoAsync(path);
        await session.WaitForCircuitAsync();
        return session;
    }

    /// <summary>A user added by the bootstrap Admin on Administration > Users, as an Admin adds one.</summary>
    public async Task AddUserAsync(string email, string role, string password)
    {
        await using var admin = await OpenAdminSessionAsync("/admin/users");
        await admin.Page.GetByTestId("add-user").ClickAsync();
        await admin.Page.Locator("#new-email").FillAsync(email);
        await admin.Page.GetByTestId("add-user-form").GetByRole(Microsoft.Playwright.AriaRole.Radio, new() { Name = role, Exact = true }).CheckAsync();
        await admin.Page.Locator("#new-password").FillAsync(password);
        await admin.Page.GetByTestId("add-user-submit").ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(admin.Page.GetByTestId("users-grid")).ToContainTextAsync(email);
    }

    public async Task DisposeAsync()
    {
        await Chromium.DisposeAsync();
        await Portal.DisposeAsync();
        await Storage.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<SharedPortal>
{
    public const string Name = "Shared portal";
}
