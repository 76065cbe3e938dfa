using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>First start: this test needs a portal with no user, so it starts its own.</summary>
[Collection(PortalCollection.Name)]
public sealed class FirstRunTests(SharedPortal shared)
{
    [Fact]
    public async Task First_run_setup_with_the_printed_token_creates_the_admin_who_signs_in()
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
        await page.Locator("#confirm").FillAsync("First-Admin-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the Admin" }).ClickAsync();
        await Assertions.Expect(page.GetByText("That setup token is not the one the portal printed at start.")).ToBeVisibleAsync();

        await page.Locator("#token").FillAsync(token!);
        await page.Locator("#password").FillAsync("First-Admin-2026");
        await page.Locator("#confirm").FillAsync("First-Admin-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the Admin" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("setup-done")).ToBeVisibleAsync();

        await session.SignInAsync("first.admin@example.test", "First-Admin-2026");
        await Assertions.Expect(page.GetByTestId("welcome")).ToContainTextAsync("first.admin@example.test (Admin)");
        await session.WaitForCircuitAsync();

        var gone = await page.GotoAsync("/setup");
        Assert.Equal(404, gone!.Status);
        session.AssertNoConsoleErrors();
    }
}
