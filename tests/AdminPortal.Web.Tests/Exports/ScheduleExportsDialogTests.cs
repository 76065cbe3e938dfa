using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Exports;
using AdminPortal.Web.Components.Shared;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Exports;

/// <summary>The Schedule exports modal opened through the portal's dialogs, on the real Core: the Actions menu, the history, Send now.</summary>
public sealed class ScheduleExportsDialogTests : ExportsComponentContext
{
    private async Task OpenAsync(Workbook workbook, Guid? history = null)
    {
        var dialogs = Services.GetRequiredService<PortalDialogs>();
        // Not awaited: the dialog's task ends when it is closed.
        _ = Providers.InvokeAsync(() => ScheduleExportsDialog.OpenAsync(dialogs, workbook, history));
        Providers.WaitForElement("[data-testid=schedule-exports]");
    }

    private IElement Row(string schedule) =>
        Providers.FindAll("[data-testid=schedules-grid] tr").Single(r => r.QuerySelector($"[data-testid='schedule-{schedule}']") is not null);

    private string[] OpenActions(string schedule)
    {
        Row(schedule).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Actions").Click();
        return Providers.WaitForElements("[role=menuitem]").Select(i => i.TextContent.Trim()).ToArray();
    }

    private void ChooseAction(string item) =>
        Providers.FindAll("[role=menuitem]").Single(i => i.TextContent.Trim() == item).Click();

    [Theory]
    [InlineData(false, "Pause")]
    [InlineData(true, "Resume")]
    public async Task The_Actions_menu_holds_Send_now_Edit_Pause_or_Resume_by_state_History_and_Delete(bool paused, string toggle)
    {
        var (workbook, _) = await SeedScheduleAsync("Nightly", paused);
        await OpenAsync(await WorkbookAsync(workbook.Id));
        Providers.WaitForAssertion(() => Assert.Equal(paused, Row("Nightly").QuerySelector("[data-testid=paused-badge]") is not null));

        Assert.Equal(["Send now", "Edit", toggle, "History", "Delete"], OpenActions("Nightly"));
    }

    [Fact]
    public async Task Pausing_from_the_Actions_menu_turns_its_item_into_Resume()
    {
        var (workbook, _) = await SeedScheduleAsync("Hourly");
        await OpenAsync(await WorkbookAsync(workbook.Id));
        OpenActions("Hourly");

        ChooseAction("Pause");

        Providers.WaitForAssertion(() => Assert.Contains($"Paused by {AdminEmail}.", Row("Hourly").QuerySelector("[data-testid=pause-reason]")?.TextContent));
        Assert.Contains("Resume", OpenActions("Hourly"));
    }

    [Fact]
    public async Task A_failed_runs_error_is_one_line_with_its_hint_and_the_rest_behind_Show_details()
    {
        var (workbook, schedule) = await SeedScheduleAsync("Failing");
        const string first = "NoSuchBucket: The specified bucket does not exist";
        const string rest = "System.AggregateException: One or more errors occurred.\n ---> Amazon.S3.AmazonS3Exception: The specified bucket does not exist\n   at Amazon.Runtime.Internal.HttpErrorResponseExceptionHandler.HandleExceptionStream()";
        await AddRunAsync(schedule, ExportRunStatus.Failed, $"{first}\n{rest}", "Check that the bucket exists and that the integration's destination names it.");

        await OpenAsync(await WorkbookAsync(workbook.Id), history: schedule.Id);

        var history = Providers.WaitForElement("[data-testid=run-history]");
        Providers.WaitForAssertion(() => Assert.Equal("Failed", Providers.Find("[data-testid=run-status]").TextContent.Trim()));
        var error = Providers.Find("[data-testid=run-error]");
        Assert.Equal(first, error.QuerySelector(".error-summary-line")!.TextContent);
        Assert.Equal("Show details", error.QuerySelector("details summary")!.TextContent);
        Assert.Equal(rest, error.QuerySelector("details pre")!.TextContent);
        Assert.Equal("Check that the bucket exists and that the integration's destination names it.", Providers.Find("[data-testid=run-error-hint]").TextContent);
        Assert.DoesNotContain("AmazonS3Exception", history.QuerySelector("[data-testid=runs-grid]")!.TextContent.Replace(rest, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_now_while_a_run_of_the_schedule_is_going_says_it_is_already_running_and_starts_nothing()
    {
        var (workbook, schedule) = await SeedScheduleAsync("Busy");
        await AddRunAsync(schedule, ExportRunStatus.Running);
        await OpenAsync(await WorkbookAsync(workbook.Id));
        OpenActions("Busy");

        ChooseAction("Send now");

        Providers.WaitForAssertion(() => Assert.Equal("A run of \"Busy\" is already in progress; wait for it to finish.",
            Providers.Find("[data-testid=schedules-message]").TextContent.Trim()));
        Assert.Empty(Providers.FindAll("[data-testid=send-now]"));
        var runs = await Services.GetRequiredService<ScheduledExportService>().HistoryAsync(Admin, schedule.Id);
        Assert.Equal(ExportRunStatus.Running, Assert.Single(runs).Status);
    }

    [Fact]
    public async Task Send_now_returns_at_once_and_the_modal_follows_the_run_to_its_end()
    {
        // Its table element was deleted from the workbook: the run starts, then fails at its first step.
        var (workbook, schedule) = await SeedScheduleAsync("Broken", elementGone: true);
        await OpenAsync(await WorkbookAsync(workbook.Id));
        OpenActions("Broken");

        ChooseAction("Send now");

        Providers.WaitForElement("[data-testid=send-now]");
        Providers.WaitForAssertion(() => Assert.Contains("Failed", Providers.Find("[data-testid=send-now-result]").TextContent), TimeSpan.FromSeconds(15));
        Assert.Contains("no longer exists in its workbook", Providers.Find("[data-testid=send-now-error] .error-summary-line").TextContent);
        Providers.Find("[data-testid=send-now-done]").Click();
        Providers.WaitForAssertion(() => Assert.Equal("Failed", Row("Broken").QuerySelector("[data-testid=last-status]")?.TextContent.Trim()));
        var run = Assert.Single(await Services.GetRequiredService<ScheduledExportService>().HistoryAsync(Admin, schedule.Id));
        Assert.Equal(ExportTrigger.Manual, run.Trigger);
    }
}
