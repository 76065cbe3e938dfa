using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Exports;

/// <summary>
/// The schedule form on stored events: how many objects the next run writes, the daily objects it offers for a long
/// window, and what the first run of an incremental export takes.
/// </summary>
public sealed class NextRunEstimateTests : ExportsComponentContext
{
    /// <summary>
    /// One event an hour for ten days, the newest half an hour before <see cref="ExportsComponentContext.Now"/>: the
    /// element's range (7 days) holds 168 of them, in 168 hours of 8 days (23 February to 2 March).
    /// </summary>
    private async Task<IRenderedComponent<ScheduleForm>> RenderFormAsync(string? deliveredUpTo = null)
    {
        var events = Enumerable.Range(0, 240).Select(h => new AuditEvent
        {
            EventId = $"hourly-{h:D3}",
            EventTimeUtc = Now.UtcDateTime.AddMinutes(-30).AddHours(-h),
            Datasource = "snowflake",
            Family = "hourly",
            Login = "olivia@corp.example",
            Action = "select",
            RawJson = "{}",
        }).ToList();
        await Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);
        var (seeded, _) = await SeedScheduleAsync();
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            // Only these events: the portal's own audit events (its start, the Admin's sign-in) stay out.
            var element = await db.TableElements.SingleAsync(e => e.WorkbookId == seeded.Id);
            element.StateJson = new ExplorerState { Filters = [new AuditFilter(nameof(AuditEvent.Family), AdminPortal.Core.AuditLogs.Explorer.FilterOperator.Equals, "hourly")] }.ToJson();
            if (deliveredUpTo is not null)
            {
                var last = await db.AuditEvents.SingleAsync(e => e.EventId == deliveredUpTo);
                var schedule = await db.ScheduledExports.SingleAsync(s => s.WorkbookId == seeded.Id);
                (schedule.WatermarkEventRowId, schedule.WatermarkIngestedAtUtc) = (last.Id, last.IngestedAtUtc);
            }

            await db.SaveChangesAsync();
        }

        var workbook = await WorkbookAsync(seeded.Id);
        var editing = deliveredUpTo is null ? null : (await Services.GetRequiredService<ScheduledExportService>().ListAsync(Admin, workbook.Id)).Single();
        var saved = editing is null ? null : await Services.GetRequiredService<ScheduledExportService>().GetAsync(Admin, editing.Id);
        return Render<ScheduleForm>(p => p
            .Add(f => f.WorkbookId, workbook.Id)
            .Add(f => f.Elements, (IReadOnlyList<TableElement>)workbook.Elements)
            .Add(f => f.Editing, saved));
    }

    private static string Text(IRenderedComponent<ScheduleForm> form, string testId) =>
        form.FindAll($"[data-testid={testId}]").SingleOrDefault()?.TextContent ?? "";

    private static Task Choose<T>(IRenderedComponent<ScheduleForm> form, string label, T value) =>
        form.InvokeAsync(() => form.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label).Instance.SelectOption(value));

    [Fact]
    public async Task The_form_says_how_many_objects_the_next_run_writes_and_switches_to_daily_objects_in_one_click()
    {
        var form = await RenderFormAsync();

        form.WaitForAssertion(() => Assert.Contains("The next run would write 168 objects for 168 events (one per hour that has events", Text(form, "object-count")));
        Assert.Contains("With one object per day the run writes 8 objects.", Text(form, "daily-suggestion"));

        await form.InvokeAsync(() => form.Find("[data-testid=use-daily]").Click());

        form.WaitForAssertion(() => Assert.Contains("The next run would write 8 objects for 168 events (one per day that has events", Text(form, "object-count")));
        Assert.Equal("audit_logs/{yyyy}/{MM}/{dd}/audit_logs-{run}-{part}.csv.gz", form.Find("#uri-template").GetAttribute("value"));
        Assert.Contains("audit-exports/web/audit_logs/2026/03/02/audit_logs-", Text(form, "uri-preview"));
        Assert.Empty(form.FindAll("[data-testid=daily-suggestion]"));
    }

    [Fact]
    public async Task The_mode_area_says_the_first_run_takes_the_workbooks_range_or_all_retained_events_as_chosen()
    {
        var form = await RenderFormAsync();
        form.WaitForAssertion(() => Assert.Equal("First run: exports the workbook's time range (last 7 days).", Text(form, "first-run-text")));

        await Choose(form, "First run", ExportFirstRun.AllRetainedEvents);

        form.WaitForAssertion(() => Assert.Equal("First run: exports all retained events (since 2026-02-20).", Text(form, "first-run-text")));
        Assert.Contains("240 objects for 240 events", Text(form, "object-count"));

        await Choose(form, "Mode", ExportMode.FullSnapshot);

        form.WaitForAssertion(() => Assert.Empty(form.FindAll("[data-testid=first-run]")));
        Assert.Contains("168 objects", Text(form, "object-count"));
    }

    [Fact]
    public async Task Editing_a_schedule_that_has_delivered_counts_only_what_was_ingested_since_whatever_its_time()
    {
        // Stored in this order: the five ingested after hourly-234 are the oldest events, ten days old.
        var form = await RenderFormAsync(deliveredUpTo: "hourly-234");

        form.WaitForAssertion(() => Assert.Equal($"First run: done. The next run exports the events ingested since {Now.UtcDateTime:yyyy-MM-dd HH:mm} UTC.",
            Text(form, "first-run-text")));
        Assert.Empty(form.FindComponents<MudSelect<ExportFirstRun>>());
        // The seeded schedule's template has no time token: one object.
        Assert.Contains("The next run would write 1 object for 5 events (one for the whole run", Text(form, "object-count"));
    }

    [Fact]
    public async Task A_saved_schedule_keeps_the_first_run_chosen_in_the_form()
    {
        var form = await RenderFormAsync();
        await Choose(form, "First run", ExportFirstRun.AllRetainedEvents);
        form.Find("#schedule-name").Change("Everything retained");

        await form.Find("form").SubmitAsync();

        var schedules = Services.GetRequiredService<ScheduledExportService>();
        var saved = Assert.Single(await schedules.ListAsync(Admin, workbookId: null), s => s.Name == "Everything retained");
        Assert.Equal(ExportFirstRun.AllRetainedEvents, saved.FirstRun);
    }
}
