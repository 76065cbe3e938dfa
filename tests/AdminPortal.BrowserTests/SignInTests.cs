using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(SharedPortal shared)
{
    [Fact]
    public async Task A_wrong_password_shows_a_message_and_stays_on_sign_in()
    {
        await using var session = await shared.OpenSessionAsync();

        await session.SignInAsync(SharedPortal.AdminEmail, "Not-The-Password-1");

        await Assertions.Expect(session.Page.GetByTestId("signin-error"))
            .ToContainTextAsync("The e-mail address or password is not correct");
        Assert.Contains("/signin", session.Page.Url);
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Signing_in_lands_on_the_requested_page_with_a_live_circuit_and_sign_out_ends_it()
    {
        await using var session = await shared.OpenSessionAsync();
        var page = session.Page;

        await page.GotoAsync("/admin/settings");
        Assert.Contains("/signin", page.Url);
        await page.Locator("#email").FillAsync(SharedPortal.AdminEmail);
        await page.Locator("#password").FillAsync(SharedPortal.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "General Settings" })).ToBeVisibleAsync();
        await session.WaitForCircuitAsync();
        // The tabs switch only through the circuit: a dead circuit leaves the first tab showing.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit Logging" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-logging-section")).ToBeVisibleAsync();
        await session.CaptureAsync("general-settings");

        await session.SignOutAsync();
        await Assertions.Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url);
        session.AssertNoConsoleErrors();
    }
}
