using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace AdminPortal.Web.Components.Exports;

/// <summary>The Schedule Exports modal of a workbook: its schedules, and Add / Edit / Send now / History in place.</summary>
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
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private View view = View.List;
    private IReadOnlyList<ScheduledExportSummary> schedules = [];
    private ScheduledExportSummary? selected;
    private ScheduledExport? editing;
    private bool loading = true;
    private string? message;
    private AlertStyle messageStyle = AlertStyle.Success;

    /// <summary>The modal of <paramref name="workbook"/>, from its menu or from a failure e-mail's link.</summary>
    public static Task OpenAsync(DialogService dialogs, Workbook workbook, Guid? history = null) =>
        dialogs.OpenAsync<ScheduleExportsDialog>($"Schedule exports · {workbook.Name}",
            new()
            {
                [nameof(WorkbookId)] = workbook.Id,
                [nameof(Elements)] = workbook.Elements,
                [nameof(OpenHistoryOf)] = history,
            },
            new DialogOptions { Width = "960px", Resizable = true, CloseDialogOnEsc = true });

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

    private Task AddAsync()
    {
        editing = null;
        message = null;
        view = View.Form;
        return Task.CompletedTask;
    }

    private async Task EditAsync(ScheduledExportSummary s)
    {
        editing = await Schedules.GetAsync((await AuthenticationState).User, s.Id);
        message = null;
        view = editing is null ? View.List : View.Form;
    }

    private void SendNow(ScheduledExportSummary s)
    {
        selected = s;
        view = View.SendNow;
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
        Say(result.Succeeded ? $"{s.Name} {(s.Paused ? "resumed" : "paused")}." : string.Join(" ", result.AllMessages), result.Succeeded);
        await ReloadAsync();
    }

    private async Task DeleteAsync(ScheduledExportSummary s)
    {
        if (await Dialogs.Confirm($"Delete the export schedule “{s.Name}”? Objects already exported stay in your storage.", "Delete schedule",
                new ConfirmOptions { OkButtonText = "Delete", CancelButtonText = "Cancel" }) != true)
        {
            return;
        }

        var result = await Schedules.DeleteAsync((await AuthenticationState).User, s.Id);
        Say(result.Succeeded ? $"{s.Name} deleted." : string.Join(" ", result.AllMessages), result.Succeeded);
        await ReloadAsync();
    }

    private async Task SavedAsync(string name)
    {
        Say($"{name} saved.", true);
        await BackAsync();
    }

    private async Task BackAsync()
    {
        view = View.List;
        await ReloadAsync();
    }

    private void Say(string text, bool success)
    {
        message = text;
        messageStyle = success ? AlertStyle.Success : AlertStyle.Danger;
    }
}
