using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The frame around every page (header, drawer, theme, focus) at a desktop's and a phone's size.</summary>
[Collection(PortalCollection.Name)]
public sealed class ShellTests(SharedPortal shared)
{
    private static Task<bool> ScrollsSidewaysAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > document.scrollingElement.clientWidth");

    private static Task<string?> ThemeAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.documentElement.dataset.theme");

    [Fact]
    public async Task On_a_phone_the_page_does_not_scroll_sideways_and_the_drawer_opens_and_closes()
    {
        await using var session = await shared.OpenSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(390, 844);
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
        await session.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("overview-events")).ToBeVisibleAsync();

        Assert.False(await ScrollsSidewaysAsync(page), "The overview scrolls sideways at 390×844");
        var nav = page.GetByTestId("main-nav");
        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        await session.CaptureAsync("phone-overview-light");

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Audit Logs" })).ToBeInViewportAsync();
        await session.CaptureAsync("phone-drawer-open");
        // A temporary drawer on a phone: a tap beside it closes it.
        await page.Mouse.ClickAsync(370, 600);
        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        // And a chosen link closes it: the page it opens is not left covered.
        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
        await nav.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/api-tokens", StringComparison.Ordinal));
        await Assertions.Expect(nav).Not.ToBeInViewportAsync();
        await session.CaptureAsync("phone-api-tokens");

        await page.GotoAsync("/status/404");
        Assert.False(await ScrollsSidewaysAsync(page), "The status page scrolls sideways at 390×844");
        await session.CaptureAsync("phone-status-404");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task On_a_desktop_the_drawer_stays_open_beside_the_page_and_nothing_scrolls_sideways()
    {
        await using var session = await shared.OpenSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
        await session.WaitForCircuitAsync();

        var nav = page.GetByTestId("main-nav");
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "General Settings" })).ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("overview-integrations")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The overview scrolls sideways at 1280×800");
        await session.CaptureAsync("desktop-overview-light");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_dark_theme_chosen_in_the_user_menu_is_remembered_after_a_reload_and_on_the_plain_pages()
    {
        await using var session = await shared.OpenSessionAsync();
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await session.SignInAsync(SharedPortal.AdminEmail, SharedPortal.AdminPassword);
        await session.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "light");

        await ChooseThemeAsync(page, "Dark");
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "dark");
        Assert.Equal("dark", await ThemeAsync(page));
        await session.CaptureAsync("desktop-overview-dark");

        await page.ReloadAsync();
        await session.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "dark");
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal("rgb(16, 19, 34)", background);

        await page.SetViewportSizeAsync(390, 844);
        // The drawer beside the page on a desktop gives way on a phone.
        await Assertions.Expect(page.GetByTestId("main-nav")).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.GetByTestId("overview-events")).ToBeVisibleAsync();
        Assert.False(await ScrollsSidewaysAsync(page), "The dark overview scrolls sideways at 390×844");
        await session.CaptureAsync("phone-overview-dark");

        await page.GotoAsync("/status/404");
        Assert.Equal("dark", await ThemeAsync(page));
        Assert.False(await ScrollsSidewaysAsync(page), "The dark status page scrolls sideways at 390×844");
        await session.CaptureAsync("phone-status-404-dark");
        await page.SetViewportSizeAsync(1280, 800);
        await session.CaptureAsync("desktop-status-404-dark");

        // System follows the operating system's setting.
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.GotoAsync("/");
        await session.WaitForCircuitAsync();
        await ChooseThemeAsync(page, "System");
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "light");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "dark");
        await page.ReloadAsync();
        await session.WaitForCircuitAsync();
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "dark");
        await ChooseThemeAsync(page, "Light");
        await Assertions.Expect(page.GetByTestId("portal-layout")).ToHaveAttributeAsync("data-theme", "light");
        session.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task After_a_navigation_the_heading_has_the_focus_without_a_focus_box()
    {
        await using var session = await shared.OpenAdminSessionAsync("/");
        var page = session.Page;
        await page.SetViewportSizeAsync(1280, 800);

        // By keyboard, as a screen-reader user navigates: the browser then draws focus rings on what script focuses.
        var link = page.GetByTestId("main-nav").GetByRole(AriaRole.Link, new() { Name = "API tokens" });
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/api-tokens", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToBeFocusedAsync();

        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("none", outline);
        await session.CaptureAsync("desktop-after-navigation-focus");
    }

    private static async Task ChooseThemeAsync(IPage page, string theme)
    {
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = theme, Exact = true }).ClickAsync();
    }
}
