using AdminPortal.Core.Notifications;
using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Notifications;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Notifications;

public sealed class NotificationBellTests : CorePortalContext
{
    private const string Email = "admin@example.test";

    [Fact]
    public async Task The_bell_counts_what_is_unread_and_opening_it_shows_the_notifications_and_marks_them_read()
    {
        await SignInAsAsync(Email, PortalRoles.Admin);
        var notifications = Services.GetRequiredService<NotificationService>();
        await notifications.NotifyAsync(Email, new NotificationMessage("Export failed", "s3_exports: AccessDenied", NotificationSeverity.Error));
        var popovers = Render<MudPopoverProvider>();
        var bell = Render<NotificationBell>();

        Assert.Equal("Notifications, 1 unread", bell.Find("[data-testid=notification-bell]").GetAttribute("aria-label"));
        Assert.Contains("1", bell.Find("[data-testid=notification-count]").TextContent);

        await bell.Find("[data-testid=notification-bell]").ClickAsync(new());

        popovers.WaitForAssertion(() => Assert.Contains("Export failed", popovers.Find("[data-testid=notification-panel]").TextContent));
        Assert.Contains("unread", popovers.Find("[data-testid=notification]").ClassName);
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll("[data-testid=notification-count]")));
        var inbox = await notifications.InboxAsync(Principal(Email));
        Assert.Equal(0, inbox.Unread);
    }

    [Fact]
    public async Task A_notification_arriving_while_the_page_is_open_raises_the_count()
    {
        await SignInAsAsync(Email, PortalRoles.Admin);
        var bell = Render<NotificationBell>();
        Assert.Empty(bell.FindAll("[data-testid=notification-count]"));

        await Services.GetRequiredService<NotificationService>().NotifyAsync(Email, new NotificationMessage("Integration deleted", "s3_old"));

        bell.WaitForAssertion(() => Assert.Equal("Notifications, 1 unread", bell.Find("[data-testid=notification-bell]").GetAttribute("aria-label")));
        Assert.NotEmpty(bell.FindAll("[data-testid=notification-count]"));
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string email) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, email)], "test"));
}
