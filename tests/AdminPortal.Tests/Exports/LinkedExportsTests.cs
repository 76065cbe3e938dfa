using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Exports.Scheduling;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AdminPortal.Tests.Exports;

/// <summary>What Edit Destination and Delete of an integration do to its scheduled exports: one save, the Admin's name, Quartz in step.</summary>
[Collection(ExportsCollection.Name)]
public sealed class LinkedExportsTests(StoragePeers peers, ExportsPortal portal)
{
    private async Task<(Guid IntegrationId, Guid ScheduleId)> LinkedScheduleAsync(string family)
    {
        var integration = await portal.IntegrationAsync(peers, "s3", $"s3_{family}", $"exports/{family}/");
        var (workbook, element) = await portal.WorkbookAsync(family);
        var schedule = await portal.ScheduleAsync(new ScheduleExportCommand
        {
            WorkbookId = workbook,
            TableElementId = element,
            IntegrationId = integration,
            UriTemplate = "audit/{yyyy}/{MM}/{dd}/x-{run}-{part}.csv.gz",
            FrequencyKind = ExportFrequencyKind.Daily,
            TimeOfDay = new TimeOnly(2, 0),
            TimeZoneId = "Europe/Paris",
        });
        return (integration, schedule);
    }

    private async Task<bool> QuartzJobExistsAsync(Guid scheduleId) =>
        await (await portal.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).Exists(ExportScheduler.JobKeyOf(scheduleId), CancellationToken.None);

    private async Task<List<AuditEvent>> ExportAuditEventsAsync(string scheduleName)
    {
        await using var db = await portal.DbAsync();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && e.Category == "exports" && e.TargetName == scheduleName)
            .OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Deleting_an_integration_with_the_checkbox_removes_its_schedules_and_their_Quartz_jobs_in_the_admins_name()
    {
        var (integration, schedule) = await LinkedScheduleAsync("linkedquartz");
        var name = (await portal.ScheduleRowAsync(schedule)).Name;
        Assert.True(await QuartzJobExistsAsync(schedule));

        var result = await portal.Integrations.Delete.HandleAsync(Principals.Admin(), integration, deleteLinkedExports: true);

        Assert.True(result.Succeeded, string.Join(" ", result.AllMessages));
        await using var db = await portal.DbAsync();
        Assert.False(await db.ScheduledExports.AnyAsync(s => s.Id == schedule));
        Assert.False(await db.StorageIntegrations.AnyAsync(i => i.Id == integration));
        Assert.False(await QuartzJobExistsAsync(schedule));
        var deleted = Assert.Single(await ExportAuditEventsAsync(name), e => e.Code == "ExportScheduleDeleted");
        Assert.Equal(PortalFactory.AdminEmail, deleted.Login);
        Assert.Equal("Integration \"s3_linkedquartz\" was deleted.", deleted.Payload);
    }

    [Fact]
    public async Task Deleting_an_integration_without_the_checkbox_pauses_its_schedules_in_the_admins_name_and_keeps_their_jobs()
    {
        var (integration, schedule) = await LinkedScheduleAsync("linkedpause");

        await portal.Integrations.Delete.HandleAsync(Principals.Admin(), integration);

        var row = await portal.ScheduleRowAsync(schedule);
        Assert.True(row.Paused);
        // Pausing is the row's business everywhere (the job skips a paused schedule), so a resumed one runs on its trigger.
        Assert.True(await QuartzJobExistsAsync(schedule));
        var paused = Assert.Single(await ExportAuditEventsAsync(row.Name), e => e.Code == "ExportSchedulePaused");
        Assert.Equal(PortalFactory.AdminEmail, paused.Login);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_delete_the_database_refuses_midway_leaves_the_integration_and_its_schedules_as_they_were(bool deleteLinkedExports)
    {
        var family = $"linkedrefused{deleteLinkedExports}".ToLowerInvariant();
        var (integration, schedule) = await LinkedScheduleAsync(family);
        var name = (await portal.ScheduleRowAsync(schedule)).Name;
        // The schedules' change is staged first; the integration's own delete, later in the same save, is refused.
        var trigger = $"refuse_delete_{family}";
        await using (var db = await portal.DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync($"""
                CREATE TRIGGER {trigger} BEFORE DELETE ON StorageIntegrations WHEN OLD.Name = 's3_{family}'
                BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                """);
        }

        try
        {
            var result = await portal.Integrations.Delete.HandleAsync(Principals.Admin(), integration, deleteLinkedExports);

            Assert.StartsWith("The integration could not be deleted, and nothing was changed; the portal's log has error ", Assert.Single(result.Errors[""]));
            await using var after = await portal.DbAsync();
            Assert.True(await after.StorageIntegrations.AnyAsync(i => i.Id == integration));
            var row = await after.ScheduledExports.AsNoTracking().SingleOrDefaultAsync(s => s.Id == schedule);
            Assert.NotNull(row);
            Assert.False(row.Paused);
            Assert.True(await QuartzJobExistsAsync(schedule));
            Assert.DoesNotContain(await ExportAuditEventsAsync(name), e => e.Code is "ExportScheduleDeleted" or "ExportSchedulePaused");
        }
        finally
        {
            await using var db = await portal.DbAsync();
            await db.Database.ExecuteSqlRawAsync($"DROP TRIGGER {trigger}");
        }
    }

    [Theory]
    [InlineData(false, "ExportSchedulePaused")]
    [InlineData(true, "ExportScheduleRepointed")]
    public async Task Editing_the_destination_pauses_or_re_points_linked_exports_in_the_admins_name(bool updateLinkedExports, string code)
    {
        var family = $"linkededit{updateLinkedExports}".ToLowerInvariant();
        var (integration, schedule) = await LinkedScheduleAsync(family);

        var result = await portal.Integrations.Edit.HandleAsync(Principals.Admin(), integration, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Aws,
            Destination = new DestinationInput
            {
                Bucket = StoragePeers.S3Bucket, Prefix = $"moved/{family}/", Region = "us-east-1", ServiceUrl = peers.S3Url.AbsoluteUri, PathStyle = true,
            },
            UpdateLinkedExports = updateLinkedExports,
        });

        Assert.True(result.Succeeded, string.Join(" ", result.AllMessages));
        var row = await portal.ScheduleRowAsync(schedule);
        Assert.Equal(!updateLinkedExports, row.Paused);
        var changed = Assert.Single(await ExportAuditEventsAsync(row.Name), e => e.Code == code);
        Assert.Equal(PortalFactory.AdminEmail, changed.Login);
        Assert.Contains($"s3://{StoragePeers.S3Bucket}/moved/{family}/", changed.Payload);
    }
}
