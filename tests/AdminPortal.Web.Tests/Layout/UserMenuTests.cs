using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Layout;
using MudBlazor;

namespace AdminPortal.Web.Tests.Layout;

public sealed class UserMenuTests : PortalComponentContext, IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor's popover services are only asynchronously disposable.</summary>
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    [Fact]
    public async Task Choosing_Dark_in_the_user_menu_asks_for_the_dark_theme()
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("jane.doe@example.test");
        auth.SetRoles(PortalRoles.Auditor);
        var chosen = new List<PortalThemeMode>();
        var popovers = Render<MudPopoverProvider>();
        var menu = Render<UserMenu>(p => p
            .Add(m => m.Mode, PortalThemeMode.System)
            .Add(m => m.ModeChanged, mode => chosen.Add(mode)));

        Assert.Equal("JD", menu.Find("[data-testid=user-menu] .avatar").TextContent);
        await menu.Find("[data-testid=user-menu]").ClickAsync(new());
        popovers.WaitForAssertion(() => Assert.NotNull(popovers.Find("[data-testid=theme-dark]")));
        Assert.Equal("true", popovers.Find("[data-testid=theme-system]").GetAttribute("aria-checked"));
        Assert.DoesNotContain("Administration", popovers.Markup);
        await popovers.Find("[data-testid=theme-dark]").ClickAsync(new());

        Assert.Equal([PortalThemeMode.Dark], chosen);
    }
}
