using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Notifications;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

/// <summary>Confirmations of create, edit and delete, and the periodic health check, in the bell and by e-mail (maildev).</summary>
[Collection(IntegrationsCollection.Name)]
public sealed class IntegrationNotificationTests(StoragePeers peers, IntegrationsPortal portal)
{
    private IntegrationUseCases Integrations => portal.Integrations;

    private NotificationService Notifications => portal.Services.GetRequiredService<NotificationService>();

    private CreateIntegrationCommand S3(string name, string bucket = StoragePeers.S3Bucket) => new()
    {
        Name = name,
        AuthMethod = IntegrationAuthMethod.AwsAccessKey,
        Destination = new DestinationInput { Bucket = bucket, Prefix = "notify/", Region = "us-east-1", ServiceUrl = peers.S3Url.AbsoluteUri, PathStyle = true },
        AccessKeyId = StoragePeers.S3AccessKeyId,
        Secret = WriteOnlySecret.FromInput("s3rver-ignores-this-secret"),
    };

    private async Task<IntegrationSummary> CreateAsync(CreateIntegrationCommand command)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), command);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.AllMessages));
        return outcome.Value!;
    }

    private Task<AdminPortal.Core.Common.Result<IntegrationSummary>> MovePrefixAsync(Guid id, string prefix) =>
        Integrations.Edit.HandleAsync(Principals.Admin(), id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Aws,
            Destination = S3("x").Destination with { Prefix = prefix },
        });

    private async Task<Notification> InBellAsync(string title, string mentioning)
    {
        var inbox = await Notifications.InboxAsync(Principals.Admin());
        return Assert.Single(inbox.Latest, n => n.Title == title && n.Message.Contains(mentioning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_an_integration_confirms_in_the_bell_and_by_e_mail_to_the_acting_admin()
    {
        await CreateAsync(S3("s3_notify_create"));

        var notification = await InBellAsync("Storage integration created", "s3_notify_create");
        Assert.Equal(NotificationSeverity.Success, notification.Severity);
        Assert.Equal(AdminPortal.Web.PortalUrls.IntegrationSettings, notification.Link);
        var mail = await portal.Mail.WaitForAsync(PortalFactory.AdminEmail, "Storage integration created", "s3_notify_create");
        Assert.Contains("s3_notify_create", mail.Text);
        Assert.Contains("Connection test: SUCCESS", mail.Text);
        Assert.Contains("https://portal.example.test/admin/settings?tab=audit-logging", mail.Text);
    }

    [Fact]
    public async Task Editing_the_destination_sends_Cloud_destination_updated()
    {
        var created = await CreateAsync(S3("s3_notify_edit"));

        await MovePrefixAsync(created.Id, "moved/");

        await InBellAsync("Cloud destination updated", "s3_notify_edit");
        var mail = await portal.Mail.WaitForAsync(PortalFactory.AdminEmail, "Cloud destination updated", "s3_notify_edit");
        Assert.Contains($"s3://{StoragePeers.S3Bucket}/moved/", mail.Text);
    }

    [Fact]
    public async Task Editing_the_destination_of_an_integration_without_exports_does_not_say_exports_were_paused()
    {
        var created = await CreateAsync(S3("s3_unlinked_edit"));

        await MovePrefixAsync(created.Id, "moved-unlinked/");

        var mail = await portal.Mail.WaitForAsync(PortalFactory.AdminEmail, "Cloud destination updated", "s3_unlinked_edit");
        Assert.DoesNotContain("scheduled export", mail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("paused", mail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("scheduled export", (await InBellAsync("Cloud destination updated", "s3_unlinked_edit")).Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Deleting_an_integration_sends_Integration_deleted()
    {
        var created = await CreateAsync(S3("s3_notify_delete"));

        await Integrations.Delete.HandleAsync(Principals.Admin(), created.Id, deleteLinkedExports: true);

        await InBellAsync("Integration deleted", "s3_notify_delete");
        var mail = await portal.Mail.WaitForAsync(PortalFactory.AdminEmail, "Integration deleted", "s3_notify_delete");
        Assert.DoesNotContain("Linked scheduled exports were", mail.Text);
    }

    [Fact]
    public async Task The_health_check_retests_only_integrations_whose_last_test_is_older_than_the_interval()
    {
        var due = await CreateAsync(S3("s3_health_due", bucket: "no-such-bucket-health"));
        var fresh = await CreateAsync(S3("s3_health_fresh", bucket: "no-such-bucket-health"));
        await AgeLastTestAsync(due.Id, TimeSpan.FromHours(25));

        await Integrations.HealthCheck.CheckDueAsync(CancellationToken.None);

        var after = (await Integrations.List.HandleAsync(Principals.Admin())).ToDictionary(i => i.Name);
        Assert.Equal(2, after["s3_health_due"].ConsecutiveFailures);
        Assert.True(after["s3_health_due"].LastTestedAtUtc > DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(1, after["s3_health_fresh"].ConsecutiveFailures);
        Assert.Equal(fresh.LastTestedAtUtc, after["s3_health_fresh"].LastTestedAtUtc);
    }

    [Fact]
    public async Task A_failed_health_check_tells_every_admin_with_the_clouds_error()
    {
        await portal.CreateUserAsync("second.admin@example.test", Core.Users.PortalRoles.Admin);
        var broken = await CreateAsync(S3("s3_health_broken", bucket: "no-such-bucket-alert"));
        await AgeLastTestAsync(broken.Id, TimeSpan.FromDays(2));

        await Integrations.HealthCheck.CheckDueAsync(CancellationToken.None);

        var notification = await InBellAsync("Storage integration \"s3_health_broken\" failed its health check", "no-such-bucket-alert");
        Assert.Equal(NotificationSeverity.Error, notification.Severity);
        Assert.Contains("2 failures in a row", notification.Message);
        Assert.Contains("bucket", notification.Message, StringComparison.OrdinalIgnoreCase);
        foreach (var admin in new[] { PortalFactory.AdminEmail, "second.admin@example.test" })
        {
            var mail = await portal.Mail.WaitForAsync(admin, "\"s3_health_broken\" failed its health check");
            Assert.Contains("The cloud said:", mail.Text);
        }
    }

    [Fact]
    public async Task Opening_the_bell_marks_a_users_notifications_read_and_leaves_others_alone()
    {
        const string Other = "bell.other@example.test";
        await Notifications.NotifyAsync(Other, new NotificationMessage("For the other user", "Only theirs."));
        Assert.Contains((await Notifications.InboxAsync(Principals.Admin(Other))).Latest, n => n.Title == "For the other user");
        Assert.DoesNotContain((await Notifications.InboxAsync(Principals.Admin())).Latest, n => n.Title == "For the other user");

        await Notifications.MarkAllReadAsync(Principals.Admin(Other));

        Assert.Equal(0, (await Notifications.InboxAsync(Principals.Admin(Other))).Unread);
    }

    private async Task AgeLastTestAsync(Guid id, TimeSpan age)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var integration = await db.StorageIntegrations.SingleAsync(i => i.Id == id);
        integration.LastTestedAtUtc = DateTime.UtcNow - age;
        await db.SaveChangesAsync();
    }
}
