using AdminPortal.Core.Notifications;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

/// <summary>A portal without Email settings: notifications stay in the bell and the settings page says e-mail is off.</summary>
public sealed class EmailOffTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Without_an_SMTP_host_a_notification_still_reaches_the_bell()
    {
        var notifications = portal.Services.GetRequiredService<NotificationService>();

        var emailed = await notifications.NotifyAsync(PortalFactory.AdminEmail, new NotificationMessage("Bell only", "No SMTP server is configured."));

        Assert.False(notifications.EmailEnabled);
        Assert.False(emailed);
        Assert.Contains((await notifications.InboxAsync(Principals.Admin())).Latest, n => n.Title == "Bell only");
    }

    [Fact]
    public async Task The_audit_logging_settings_say_that_e_mail_is_off()
    {
        using var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        var page = await client.GetStringAsync("/admin/settings?tab=audit-logging");

        Assert.Contains("E-mail is off", page);
        Assert.Contains("Create storage integration", page);
    }
}
