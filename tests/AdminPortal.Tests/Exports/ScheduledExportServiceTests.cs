using Microsoft.Extensions.DependencyInjection;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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
            NotificationEmails = $"{PortalFactory.AdminEmail}, not-an-address",
        };

        var result = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Contains("inside the integration's destination s3://audit-exports/exports/badinput/", result.Errors["UriTemplate"][0]);
        Assert.Contains("6 or 7 fields", result.Errors["Cron"][0]);
        Assert.Contains("Unknown time zone \"Mars/Olympus_Mons\"", result.Errors["TimeZoneId"][0]);
        Assert.Equal("\"not-an-address\" is not an e-mail address.", Assert.Single(result.Errors["NotificationEmails"]));
    }

    [Fact]
    public async Task A_template_with_an_unknown_token_lists_the_allowed_tokens()
    {
        var command = await CommandAsync("badtoken") with { UriTemplate = "audit/{date}/x-{run}-{part}.csv" };

        var result = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Contains("Unknown token {date}. Allowed tokens: {yyyy}, {MM}, {dd}, {HH}, {run}, {part}", Assert.Single(result.Errors["UriTemplate"]));
    }

    [Fact]
    public async Task Deleting_an_integration_without_the_checkbox_pauses_linked_exports_with_the_reason()
    {
        var command = await CommandAsync("linked");
        var id = await portal.ScheduleAsync(command);

        var names = await portal.Services.GetRequiredService<Core.Exports.IntegrationEventHandlers.ListLinkedExports>().HandleAsync(Principals.Admin(), command.IntegrationId);
        await portal.Integrations.Delete.HandleAsync(Principals.Admin(), command.IntegrationId);

        var schedule = await portal.ScheduleRowAsync(id);
        Assert.Equal([schedule.Name], names.Select(e => e.Name));
        Assert.True(schedule.Paused);
        Assert.StartsWith("Integration \"s3_linked\" was deleted.", schedule.PauseReason);
    }

    [Fact]
    public async Task Deleting_an_integration_tells_the_admin_which_linked_exports_were_paused()
    {
        var command = await CommandAsync("linkedbell");
        var id = await portal.ScheduleAsync(command);

        await portal.Integrations.Delete.HandleAsync(Principals.Admin(), command.IntegrationId);

        var inbox = await portal.Services.GetRequiredService<Core.Notifications.NotificationService>().InboxAsync(Principals.Admin());
        var confirmation = Assert.Single(inbox.Latest, n => n.Title == "Integration deleted" && n.Message.Contains("s3_linkedbell", StringComparison.Ordinal));
        Assert.Contains($"Linked scheduled exports were paused (1): {(await portal.ScheduleRowAsync(id)).Name}.", confirmation.Message);
    }

    [Fact]
    public async Task Deleting_an_integration_with_the_checkbox_deletes_its_exports()
    {
        var command = await CommandAsync("linkeddelete");
        var id = await portal.ScheduleAsync(command);

        await portal.Integrations.Delete.HandleAsync(Principals.Admin(), command.IntegrationId, deleteLinkedExports: true);

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
        const string auditor = "schedules.auditor@example.test";
        await portal.CreateUserAsync(auditor, PortalRoles.Auditor);
        var id = await portal.ScheduleAsync(await CommandAsync("ownership"));

        Assert.Null(await portal.Schedules.GetAsync(Principals.Auditor(auditor), id));
        Assert.False((await portal.Schedules.PauseAsync(Principals.Auditor(auditor), id)).Succeeded);
    }

    [Fact]
    public async Task Schedules_are_refused_to_a_session_whose_Auditor_role_the_database_no_longer_holds()
    {
        const string email = "demoted.scheduler@example.test";
        await portal.CreateUserAsync(email, PortalRoles.Auditor);
        var session = Principals.Auditor(email);
        var workbooks = portal.Services.GetRequiredService<Core.Workbooks.WorkbookService>();
        var workbookId = (await workbooks.SaveAsAsync(session, "Demoted's workbook", "", new Core.AuditLogs.Explorer.ExplorerState())).Value;
        var element = (await workbooks.GetAsync(session, workbookId))!.Elements[0].Id;
        var command = await CommandAsync("demoted") with { WorkbookId = workbookId, TableElementId = element };
        var created = await portal.Schedules.CreateAsync(session, command);
        Assert.True(created.Succeeded, string.Join(" ", created.AllMessages));
        var id = created.Value;

        await portal.RemoveRoleAsync(email, PortalRoles.Auditor);

        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Schedules.GetAsync(session, id));
        Assert.Equal("Only Admins and Auditors may read audit logs.", refused.Message);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Schedules.ListAsync(session, workbookId));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Schedules.PauseAsync(session, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Schedules.DeleteAsync(session, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Schedules.CreateAsync(session, command));
        Assert.NotNull(await portal.Schedules.GetAsync(Principals.Admin(), id));
    }

    [Fact]
    public async Task A_cron_firing_every_second_is_refused_for_an_admin_too_with_the_minimum_interval()
    {
        var command = await CommandAsync("everysecond") with { FrequencyKind = ExportFrequencyKind.Cron, Cron = "* * * * * ?" };

        var result = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Equal(Guid.Empty, result.Value);
        var message = Assert.Single(result.Errors["Cron"]);
        Assert.Contains("Exports run at most once every 1 hour", message);
        Assert.Contains("again 1 second later", message);
    }

    [Fact]
    public async Task A_cron_that_fires_twice_close_together_once_a_year_is_refused()
    {
        var command = await CommandAsync("onceayear") with { FrequencyKind = ExportFrequencyKind.Cron, Cron = "0 0,30 2 1 1 ?" };

        var result = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Contains("again 30 minutes later", Assert.Single(result.Errors["Cron"]));
    }

    [Fact]
    public async Task Editing_a_schedule_to_run_every_minute_is_refused_and_it_keeps_its_frequency()
    {
        var command = await CommandAsync("editminute");
        var id = await portal.ScheduleAsync(command);

        var result = await portal.Schedules.UpdateAsync(Principals.Admin(), id,
            command with { FrequencyKind = ExportFrequencyKind.Cron, Cron = "0 * * * * ?" });

        Assert.Contains("at most once every 1 hour", Assert.Single(result.Errors["Cron"]));
        Assert.Equal(ExportFrequencyKind.Daily, (await portal.ScheduleRowAsync(id)).FrequencyKind);
    }

    [Fact]
    public async Task Notification_addresses_that_are_not_portal_users_are_refused()
    {
        var command = await CommandAsync("outsiders") with
        {
            NotificationEmails = $"{PortalFactory.AdminEmail}, attacker@evil.example",
        };

        var result = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        var message = Assert.Single(result.Errors["NotificationEmails"]);
        Assert.StartsWith("\"attacker@evil.example\" is not a user of this portal", message);
    }

    [Fact]
    public async Task More_notification_addresses_than_the_maximum_are_refused()
    {
        var command = await CommandAsync("toomany") with
        {
            NotificationEmails = string.Join(", ", Enumerable.Range(1, 11).Select(i => $"user{i}@corp.example")),
        };

        var result = await portal.Schedules.CreateAsync(Principals.Admin(), command);

        Assert.Equal("At most 10 notification addresses.", Assert.Single(result.Errors["NotificationEmails"]));
    }

    [Fact]
    public async Task The_portals_own_users_may_receive_failure_e_mails_but_a_disabled_one_may_not()
    {
        await portal.CreateUserAsync("notify.me@example.test", Core.Users.PortalRoles.Auditor);
        await portal.CreateUserAsync("gone@example.test", Core.Users.PortalRoles.Auditor);
        await using (var db = await portal.DbAsync())
        {
            await db.Users.Where(u => u.Email == "gone@example.test").ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
        }

        var refused = await portal.Services.GetRequiredService<ExportRecipients>()
            .NotAllowedAsync(["NOTIFY.ME@example.test", "gone@example.test", "someone@elsewhere.example"], CancellationToken.None);

        Assert.Equal(["gone@example.test", "someone@elsewhere.example"], refused);
    }

    [Fact]
    public async Task Only_admins_and_auditors_may_schedule_exports()
    {
        var command = await CommandAsync("norole");
        var nobody = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "nobody@example.test")], "test"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => portal.Schedules.CreateAsync(nobody, command));
    }
}
