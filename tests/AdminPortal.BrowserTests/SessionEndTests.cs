using System.Text.RegularExpressions;
using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class SessionEndTests(SharedPortal shared)
{
    [Fact]
    public async Task An_admin_page_left_open_in_another_tab_can_do_nothing_after_sign_out_and_goes_to_sign_in()
    {
        await using var session = await shared.OpenAdminSessionAsync("/");
        var otherTab = await session.OpenTabAsync();
        await otherTab.GotoAsync("/api-tokens");
        await otherTab.Locator("body[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await otherTab.GetByTestId("token-name").FillAsync("left-open-after-sign-out");
        await otherTab.GetByTestId("token-name").PressAsync("Tab");
        await otherTab.GetByTestId("scope-admin").CheckAsync();

        await session.SignOutAsync();
        await otherTab.GetByTestId("create-token").ClickAsync();

        // The outcome, not one navigation event: the tab ends on sign-in.
        await Assertions.Expect(otherTab).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl="), new() { Timeout = 15_000 });
        await Assertions.Expect(otherTab.Locator("#email")).ToBeVisibleAsync();
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
        await session.Page.GotoAsync("/api-tokens");
        await session.WaitForCircuitAsync();
        await session.Page.GetByTestId("token-name").FillAsync("signed-in-again");
        await session.Page.GetByTestId("scope-admin").CheckAsync();
        await session.Page.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(session.Page.GetByTestId("tokens-grid")).ToContainTextAsync("signed-in-again");
        await Assertions.Expect(session.Page.GetByTestId("tokens-grid")).Not.ToContainTextAsync("left-open-after-sign-out");
    }

    [Fact]
    public async Task A_page_sent_to_sign_in_when_its_session_ended_leaves_no_unhandled_exception_in_the_portal_log()
    {
        var logBefore = shared.Portal.Output.Length;
        await using var session = await shared.OpenAdminSessionAsync("/");
        var otherTab = await session.OpenTabAsync();
        await otherTab.GotoAsync("/api-tokens");
        await otherTab.Locator("body[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        await session.SignOutAsync();
        await otherTab.GetByTestId("create-token").ClickAsync();
        await Assertions.Expect(otherTab).ToHaveURLAsync(new Regex("/signin\\?ReturnUrl="), new() { Timeout = 15_000 });

        // The circuit drops the browser's answer to the navigation's JS call (its session ended), so that call ends by
        // Blazor's one-minute JS interop timeout; NavigationManager reported it as an unhandled circuit exception.
        await Task.Delay(TimeSpan.FromSeconds(65));
        var log = shared.Portal.Output[logBefore..];
        // The exception itself in the message: the shared portal's log also holds what other tests' circuits did meanwhile.
        var unhandled = log.IndexOf("Unhandled exception in circuit", StringComparison.Ordinal);
        Assert.True(unhandled < 0, unhandled < 0 ? "" : log.Substring(unhandled, Math.Min(3000, log.Length - unhandled)));
        Assert.DoesNotContain("Navigation failed", log);
    }
}
