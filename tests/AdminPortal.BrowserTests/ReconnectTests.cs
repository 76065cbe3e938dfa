using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The circuit's server goes away under an open page: the reconnect dialog tells the user.</summary>
[Collection(PortalCollection.Name)]
public sealed class ReconnectTests(SharedPortal shared)
{
    [Fact]
    public async Task When_the_portal_stops_an_open_page_shows_the_reconnect_dialog()
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = SharedPortal.AdminEmail,
            ["Bootstrap:AdminPassword"] = SharedPortal.AdminPassword,
        };
        // A portal of its own: stopping the shared one would end the other tests' circuits.
        var portal = await PortalProcess.StartAsync(settings);
        await using var session = await BrowserSession.OpenAsync(shared.Chromium, portal);
        var dialog = session.Page.GetByTestId("reconnect-modal");
        try
        {
            await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
            await session.WaitForCircuitAsync();
            await Assertions.Expect(dialog).Not.ToBeVisibleAsync();
            // The dialog's script and styles loaded (a 404 or a CSP refusal is recorded as an error).
            session.AssertNoConsoleErrors();
        }
        finally
        {
            await portal.DisposeAsync();
        }

        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("components-reconnect-(show|retrying)"));
        // While it retries, one sentence says so (the first attempt's is gone: both showed at once before).
        await Assertions.Expect(dialog).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("components-reconnect-retrying"));
        await Assertions.Expect(dialog.GetByText("Still no connection")).ToBeVisibleAsync();
        await Assertions.Expect(dialog.GetByText("Connection to AdminPortal lost")).ToBeHiddenAsync();
        // Seen, not only present: the dialog fades in after 0.3 s (a screenshot taken at once showed only the backdrop).
        await Assertions.Expect(dialog).ToHaveCSSAsync("opacity", "1");
        await session.CaptureAsync("reconnect-dialog");
    }
}
