using Microsoft.Playwright;

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>Debian's Chromium, launched once (ECOSYSTEM.md: never 'playwright install').</summary>
public sealed class ChromiumHost : IAsyncDisposable
{
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task StartAsync()
    {
        // As patient with an assertion as with an action (15 s, below): on 2 cores shared with the other test assemblies
        // a circuit's answer has been seen to take longer than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>One user's browser tab on a portal: its own cookies, and a record of console errors (CSP violations among them).</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IBrowserContext context;
    private readonly List<string> consoleErrors = [];

    private BrowserSession(IBrowserContext context, IPage page)
    {
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            // Failed loads are judged below from the responses themselves: a page the test opens on purpose may be a 403.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add(message.Text);
                }
            }
        };
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
            {
                lock (consoleErrors)
                {
                    consoleErrors.Add($"{response.Status} for {response.Request.ResourceType} {response.Url}");
                }
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors
    {
        get
        {
            lock (consoleErrors)
            {
                return consoleErrors.ToList();
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(ChromiumHost chromium, PortalProcess portal)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseUrl.ToString(),
            // Copy buttons write to the clipboard; tests read it back.
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(15_000);
        // A cold portal (first request of a fresh build) can take longer than that to answer a navigation.
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync("/signin");
        await Page.Locator("#email").FillAsync(email);
        await Page.Locator("#password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Another tab of the same browser: it shares this session's cookies.</summary>
    public Task<IPage> OpenTabAsync() => context.NewPageAsync();

    /// <summary>Waits until the page's Blazor circuit is connected: the layout marks the body only after an interactive render.</summary>
    public Task WaitForCircuitAsync() =>
        Page.Locator("body[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    public async Task SignOutAsync()
    {
        await WaitForCircuitAsync();
        await Page.GetByTestId("user-menu").ClickAsync();
        var signOut = Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).Or(Page.GetByText("Sign out", new() { Exact = true })).First;
        await signOut.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        await signOut.ClickAsync();
        await Page.GetByTestId("signout-form").GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Page.WaitForURLAsync(url => url.Contains("/signin", StringComparison.Ordinal));
    }

    /// <summary>Fails on a CSP violation or a script error in the page.</summary>
    public void AssertNoConsoleErrors() => Assert.Empty(ConsoleErrors);

    /// <summary>For a person reviewing the UI: with BROWSER_SCREENSHOTS=&lt;folder&gt;, saves what the page shows now.</summary>
    public async Task CaptureAsync(string name)
    {
        var folder = Environment.GetEnvironmentVariable("BROWSER_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async ValueTask DisposeAsync() => await context.CloseAsync();
}
