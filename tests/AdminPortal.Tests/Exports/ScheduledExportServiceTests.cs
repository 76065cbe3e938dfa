using Microsoft.Extensions.DependencyInjection;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Exports;

[Collection(ExportsCollection.Name)]
public sealed class ScheduledExportServiceTests(StoragePeers peers, ExportsPortal portal)
{
    private async Task<ScheduleExportCommand> CommandAsync(string family)
    {
        var integration = await portal.IntegrationAsync(peers, "s3", $"s3_{family}", $"exports/{family}/");
        var (workbook, element) = await portal.WorkbookAsync(family);
        return new ScheduleExportCommand
        {
            WorkbookId = workbook,
            TableElementId = element,
            IntegrationId = integration,
            UriTemplate = "audit/{yyyy}/{MM}/{dd}/x-{run}-{part}.csv.gz",
            FrequencyKind = ExportFrequencyKind.Daily,
            TimeOfDay = new TimeOnly(2, 0),
            TimeZoneId = "Europe/Paris",
        };
    }

    [Fact]
    public async Task Bad_input_gets_a_message_per_field()
    {
        var command = await CommandAsync("badinput") with
        {
            UriTemplate = "s3://someone-elses-bucket/x-{run}-{part}.csv",
            FrequencyKind = ExportFrequencyKind.Cron,
            Cron = "every night",
            TimeZoneId = "Mars/Olympus_Mons",
            NotificationEmails = "ops@corp.example, not-an-address",
        };

        var (result, _) = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Contains("inside the integration's destination s3://audit-exports/exports/badinput/", result.Errors["UriTemplate"][0]);
        Assert.Contains("6 or 7 fields", result.Errors["Cron"][0]);
        Assert.Contains("Unknown time zone \"Mars/Olympus_Mons\"", result.Errors["TimeZoneId"][0]);
        Assert.Equal("\"not-an-address\" is not an e-mail address.", Assert.Single(result.Errors["NotificationEmails"]));
    }

    [Fact]
    public async Task A_template_with_an_unknown_token_lists_the_allowed_tokens()
    {
        var command = await CommandAsync("badtoken") with { UriTemplate = "audit/{date}/x-{run}-{part}.csv" };

        var (result, _) = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Contains("Unknown token {date}. Allowed tokens: {yyyy}, {MM}, {dd}, {HH}, {run}, {part}", Assert.Single(result.Errors["UriTemplate"]));
    }

    [Fact]
    public async Task Deleting_an_integration_without_the_checkbox_pauses_linked_exports_with_the_reason()
    {
        var command = await CommandAsync("linked");
        var id = await portal.ScheduleAsync(command);

        var names = await portal.Services.GetRequiredService<AdminPortal.Core.Integrations.ILinkedExports>().ListAsync(command.IntegrationId, CancellationToken.None);
        await portal.Integrations.DeleteAsync(Principals.Admin(), command.IntegrationId);

        var schedule = await portal.ScheduleRowAsync(id);
        Assert.Equal([schedule.Name], names);
        Assert.True(schedule.Paused);
        Assert.StartsWith("Integration \"s3_linked\" was deleted.", schedule.PauseReason);
    }

    [Fact]
    public async Task Deleting_an_integration_with_the_checkbox_deletes_its_exports()
    {
        var command = await CommandAsync("linkeddelete");
        var id = await portal.ScheduleAsync(command);

        await portal.Integrations.DeleteAsync(Principals.Admin(), command.IntegrationId, deleteLinkedExports: true);

        Assert.Null(await portal.Schedules.GetAsync(Principals.Admin(), id));
    }

    [Fact]
    public async Task Pause_and_resume_are_recorded_on_the_schedule()
    {
        var id = await portal.ScheduleAsync(await CommandAsync("pausing"));

        await portal.Schedules.PauseAsync(Principals.Admin(), id, "Quiet period");
        var paused = await portal.ScheduleRowAsync(id);
        await portal.Schedules.ResumeAsync(Principals.Admin(), id);
        var resumed = await portal.ScheduleRowAsync(id);

        Assert.Equal((true, "Quiet period"), (paused.Paused, paused.PauseReason));
        Assert.Equal((false, (string?)null), (resumed.Paused, resumed.PauseReason));
    }

    [Fact]
    public async Task An_auditor_does_not_see_an_admins_schedule()
    {
        var id = await portal.ScheduleAsync(await CommandAsync("ownership"));

        Assert.Null(await portal.Schedules.GetAsync(Principals.Auditor(), id));
        Assert.False((await portal.Schedules.PauseAsync(Principals.Auditor(), id)).Succeeded);
    }
}
