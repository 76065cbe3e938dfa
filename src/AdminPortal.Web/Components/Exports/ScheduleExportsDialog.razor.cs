using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminPortal.Web.Components.Exports;

/// <summary>The Schedule exports modal of a workbook: its schedules, and Add / Edit / Send now / History in place.</summary>
public sealed partial class ScheduleExportsDialog
{
    private enum View
    {
        List,
        Form,
        SendNow,
        History,
    }

    [Parameter, EditorRequired] public int WorkbookId { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<TableElement> Elements { get; set; } = [];

    /// <summary>Opens on this schedule's history (the link of a failure e-mail).</summary>
    [Parameter] public Guid? OpenHistoryOf { get; set; }
    [Inject] private ScheduledExportService Schedules { get; set; } = default!;
    [Inject] private StartSendNow StartSendNow { get; set; } = default!;
    [Inject] private GetExportRun Runs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private PortalDialogs Dialogs { get; set; } = default!;
    [Inject] private PortalToasts Toasts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // Runs started here go on after the modal closes; only following them stops with it.
    private readonly CancellationTokenSource closing = new();
    private readonly Dictionary<Guid, ExportRun> running = [];
    private readonly Dictionary<Guid, ExportRun> lastRun = [];
    private View view = View.List;
    private IReadOnlyList<ScheduledExportSummary> schedules = [];
    private ScheduledExportSummary? selected;
    private ScheduledExport? editing;
    private RunHistory? history;
    private bool loading = true;
    private string? message;
    private Severity messageSeverity = Severity.Success;

    /// <summary>The modal of <paramref name="workbook"/>, from its menu or from a failure e-mail's link.</summary>
    public static Task OpenAsync(PortalDialogs dialogs, Workbook workbook, Guid? history = null) =>
        dialogs.OpenAsync<ScheduleExportsDialog, bool>($"Schedule exports · {workbook.Name}",
            new Dictionary<string, object?>
            {
                [nameof(WorkbookId)] = workbook.Id,
                [nameof(Elements)] = workbook.Elements,
                [nameof(OpenHistoryOf)] = history,
            },
            MaxWidth.Large);

    protected override async Task OnInitializedAsync()
    {
        await ReloadAsync();
        if (OpenHistoryOf is { } id && schedules.FirstOrDefault(s => s.Id == id) is { } linked)
        {
            History(linked);
        }
    }

    private async Task ReloadAsync()
    {
        loading = true;
        schedules = await Schedules.ListAsync((await AuthenticationState).User, WorkbookId);
        loading = false;
    }

    private void Add()
    {
        editing = null;
        message = null;
        view = View.Form;
    }

    private async Task EditAsync(ScheduledExportSummary s)
    {
        editing = await Schedules.GetAsync((await AuthenticationState).User, s.Id);
        message = null;
        view = editing is null ? View.List : View.Form;
    }

    /// <summary>
    /// Starts the run and returns once its row is stored; the run is then followed by reading its row, so the modal
    /// stays usable and a second Send now meets the run's own "already running" answer.
    /// </summary>
    private async Task SendNowAsync(ScheduledExportSummary s)
    {
        var user = (await AuthenticationState).User;
        Guid runId;
        try
        {
            var started = await StartSendNow.HandleAsync(user, s.Id, closing.Token);
            if (!started.Succeeded)
            {
                Say(string.Join(" ", started.AllMessages), Severity.Error);
                await ReloadAsync();
                return;
            }

            runId = started.Value;
        }
        catch (ExportAlreadyRunningException e)
        {
            Say(e.Message, Severity.Warning);
            Toasts.Info(e.Message);
            return;
        }

        message = null;
        selected = s;
        view = View.SendNow;
        Toasts.Info($"Send now started: {s.Name}.");
        _ = FollowAsync(user, s, runId);
    }

    private async Task FollowAsync(System.Security.Claims.ClaimsPrincipal user, ScheduledExportSummary s, Guid runId)
    {
        try
        {
            var follower = new ExportRunFollower(Runs, Clock);
            var finished = await follower.FollowAsync(user, runId, run => InvokeAsync(async () =>
            {
                lastRun[s.Id] = run;
                if (run.Status == ExportRunStatus.Running)
                {
                    running[s.Id] = run;
                }
                else
                {
                    running.Remove(s.Id);
                    await ReloadAsync();
                    if (history is not null)
                    {
                        await history.ReloadAsync();
                    }
                }

                StateHasChanged();
            }), closing.Token);
            if (finished is null)
            {
                return;
            }

            if (finished.Status == ExportRunStatus.Succeeded)
            {
                Toasts.Success($"{s.Name}: sent {finished.Rows:N0} rows in {finished.Objects} object{(finished.Objects == 1 ? "" : "s")}.");
            }
            else
            {
                Toasts.Error($"{s.Name}: {finished.Status}. {finished.Error}");
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // The modal closed: the run goes on, its history tells how it ended.
        }
    }

    private void History(ScheduledExportSummary s)
    {
        selected = s;
        view = View.History;
    }

    private async Task TogglePauseAsync(ScheduledExportSummary s)
    {
        var user = (await AuthenticationState).User;
        var result = s.Paused ? await Schedules.ResumeAsync(user, s.Id) : await Schedules.PauseAsync(user, s.Id);
        Say(result.Succeeded ? $"{s.Name} {(s.Paused ? "resumed" : "paused")}." : string.Join(" ", result.AllMessages),
            result.Succeeded ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task DeleteAsync(ScheduledExportSummary s)
    {
        if (!await Dialogs.ConfirmAsync("Delete schedule", $"Delete the export schedule “{s.Name}”? Objects already exported stay in your storage.", "Delete"))
        {
            return;
        }

        var result = await Schedules.DeleteAsync((await AuthenticationState).User, s.Id);
        Say(result.Succeeded ? $"{s.Name} deleted." : string.Join(" ", result.AllMessages), result.Succeeded ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private async Task SavedAsync(string name)
    {
        Say($"{name} saved.", Severity.Success);
        view = View.List;
        await ReloadAsync();
    }

    private async Task BackAsync()
    {
        view = View.List;
        history = null;
        await ReloadAsync();
    }

    private void Say(string text, Severity severity)
    {
        message = text;
        messageSeverity = severity;
    }

    public void Dispose()
    {
        closing.Cancel();
        closing.Dispose();
    }
}
