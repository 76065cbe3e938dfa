using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>First start: this test needs a portal with no user, so it starts its own.</summary>
[Collection(PortalCollection.Name)]
public sealed class FirstRunTests(SharedPortal shared)
{
    [Fact]
    public async Task First_run_setup_reports_every_error_at_once_then_creates_the_admin_and_signs_it_in()
    {
        await using var portal = await PortalProcess.StartAsync();
        var token = portal.SetupToken;
        Assert.False(string.IsNullOrEmpty(token), "The portal printed no setup token:\n" + portal.Output);
        await using var session = await BrowserSession.OpenAsync(shared.Chromium, portal);
        var page = session.Page;

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up the first Admin" }).ClickAsync();
        await page.Locator("#token").FillAsync("WRONG-TOKEN");
        await page.Locator("#email").FillAsync("first.admin@example.test");
        await page.Locator("#password").FillAsync("First-Admin-2026");
        await page.Locator("#confirm").FillAsync("First-Admin-2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the Admin" }).ClickAsync();
        // Every problem at once, not one per submission.
        await Assertions.Expect(page.GetByText("That setup token is not the one the portal printed at start.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("The two passwords differ.")).ToBeVisibleAsync();
        await session.CaptureAsync("setup-errors");

        await page.Locator("#token").FillAsync(token!);
        await page.Locator("#password").FillAsync("First-Admin-2026");
        await page.Locator("#confirm").FillAsync("First-Admin-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the Admin" }).ClickAsync();

        // The first Admin is signed in by the setup itself.
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("first.admin@example.test (Admin)");
        await session.WaitForCircuitAsync();

        var gone = await page.GotoAsync("/setup");
        Assert.Equal(404, gone!.Status);
        session.AssertNoConsoleErrors();
    }
}
