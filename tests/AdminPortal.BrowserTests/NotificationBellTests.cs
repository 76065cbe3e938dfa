using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The bell's panel closes as a menu does: on a click outside it, and still on the bell itself.</summary>
[Collection(PortalCollection.Name)]
public sealed class NotificationBellTests(SharedPortal shared)
{
    [Fact]
    public async Task A_click_elsewhere_on_the_page_closes_the_notification_panel()
    {
        await using var session = await shared.OpenAdminSessionAsync("/api-tokens");
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);
        var panel = page.GetByTestId("notification-panel");

        await page.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(panel).ToBeVisibleAsync();
        // A click where a user would click to get rid of it: on the page's heading, well away from the panel.
        var heading = await page.Locator("h1").BoundingBoxAsync();
        await page.Mouse.ClickAsync(heading!.X + 10, heading.Y + heading.Height / 2);

        await Assertions.Expect(panel).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("notification-bell")).ToHaveAttributeAsync("aria-expanded", "false");
        // The bell still toggles it.
        await page.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await page.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(panel).ToBeHiddenAsync();
        session.AssertNoConsoleErrors();
    }
}
