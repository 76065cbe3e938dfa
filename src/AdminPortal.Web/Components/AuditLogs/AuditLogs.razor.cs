using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.AuditLogs;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AdminPortal.Web.Components.AuditLogs;

/// <summary>
/// The AUDIT_LOGS explorer, alone or as a workbook's table: composes toolbar, chart, grid and drawer, and keeps the
/// address in step with the view (<see cref="ExplorerPageState"/>).
/// </summary>
public partial class AuditLogs
{
    private ExplorerPageState address = new();
    private ExplorerState state = new();
    private Workbook? workbook;
    private TableElement? element;
    private EventsChart? chart;
    private int generation;
    private bool ready;
    private bool ignoredClosed;
    private long? openEvent;
    private string? ownUrl;
    private string? chartKey;

    /// <summary>The address names a workbook that does not exist or is another user's: said, not replaced by the plain explorer.</summary>
    private bool workbookNotFound;

    /// <summary>
    /// The page sent the browser to another address (Save As, Add table, a tab) that has not been opened yet: until it
    /// is, no URL update of ours may follow it, as the browser would replace that address with the view being left.
    /// </summary>
    private bool leaving;

    private Guid? historyOpened;

    /// <summary>The history to open once the grid's first URL update is done, so that no location change follows it.</summary>
    private Guid? historyPending;

    [Inject] private WorkbookService Workbooks { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private PortalDialogs Dialogs { get; set; } = default!;
    [Inject] private PortalToasts Toasts { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // The query's parts, so that a new address re-sets the page's parameters; ExplorerPageState reads them from the address.
    [SupplyParameterFromQuery(Name = "range")] private string? RangeParam { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? FromParam { get; set; }
    [SupplyParameterFromQuery(Name = "to")] private string? ToParam { get; set; }
    [SupplyParameterFromQuery(Name = "q")] private string? SearchParam { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] private string? SortParam { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] private string? DirParam { get; set; }
    [SupplyParameterFromQuery(Name = "cols")] private string? ColumnsParam { get; set; }
    [SupplyParameterFromQuery(Name = "f")] private string? FiltersParam { get; set; }
    [SupplyParameterFromQuery(Name = "workbook")] private string? WorkbookParam { get; set; }
    [SupplyParameterFromQuery(Name = "element")] private string? ElementParam { get; set; }
    [SupplyParameterFromQuery(Name = "history")] private string? HistoryParam { get; set; }

    private string Title => workbookNotFound ? "Workbook not found" : workbook is null ? "AUDIT_LOGS" : workbook.Name;

    private int ElementIndex => workbook is null || element is null ? 0 : Math.Max(0, workbook.Elements.IndexOf(element));

    private string CsvUrl => PortalUrls.AuditLogsCsv + ExplorerUrl.Format(state);

    protected override async Task OnParametersSetAsync()
    {
        // Our own URL updates (after a grid change) come back here; they change nothing.
        if (Navigation.Uri == ownUrl)
        {
            OpenPendingHistory();
            return;
        }

        leaving = false;
        // No grid until the state is known: a grid rendered meanwhile would load with the previous state. The generation
        // moves now, before the workbook is read, so that a page the previous grid is still loading is dropped when it
        // arrives instead of writing its state and its URL (without this workbook) over the address just opened.
        ready = false;
        var opening = ++generation;
        var opened = ExplorerPageState.FromUri(Navigation.Uri);
        var user = (await AuthenticationState).User;
        var book = opened.WorkbookId is int id ? await Workbooks.GetAsync(user, id) : null;
        if (opening != generation)
        {
            // A later address arrived while this one's workbook was read: that one is shown.
            return;
        }

        address = opened;
        ignoredClosed = false;
        workbook = book;
        workbookNotFound = opened.WorkbookId is not null && book is null;
        element = workbook?.Elements.FirstOrDefault(e => opened.ElementId is null || e.Id == opened.ElementId) ?? workbook?.Elements.FirstOrDefault();
        state = element is not null && !opened.HasView ? ExplorerState.FromJson(element.StateJson) : opened.View;
        chartKey = null;
        ready = !workbookNotFound;
        if (opened.HistoryId is { } history && history != historyOpened && workbook is not null)
        {
            historyOpened = history;
            historyPending = history;
        }
    }

    /// <summary>The toolbar or the grid changed the view; the grid reads it and reports back through <see cref="OnLoadedAsync"/>.</summary>
    private void OnStateChanged(ExplorerState changed) => state = changed;

    /// <summary>A page of the grid is shown: the address and the chart follow the view it was read with.</summary>
    private async Task OnLoadedAsync(ExplorerState shown)
    {
        state = shown;
        if (!UpdateUrl())
        {
            OpenPendingHistory();
        }

        // The chart follows time range, search and filters; paging, sorting and columns leave it alone.
        var key = (shown with { Sort = "", Descending = false, Columns = [] }).ToJson();
        if (key != chartKey && chart is not null)
        {
            chartKey = key;
            await chart.RefreshAsync(shown);
        }
    }

    private void OpenEvent(long id) => openEvent = id;

    private void OpenPendingHistory()
    {
        if (historyPending is { } history && workbook is not null)
        {
            historyPending = null;
            // Not awaited: the dialog's task ends only when it is closed.
            _ = OpenAfterThisEventAsync(workbook, history);
        }
    }

    private async Task OpenAfterThisEventAsync(Workbook opened, Guid history)
    {
        // After the location change that brought us here has reached every listener, the dialog service's included.
        await Task.Yield();
        await Exports.ScheduleExportsDialog.OpenAsync(Dialogs, opened, history);
    }

    private async Task SaveAsAsync()
    {
        var saved = await Dialogs.OpenAsync<SaveWorkbookDialog, int?>("Save As workbook",
            new Dictionary<string, object?> { [nameof(SaveWorkbookDialog.State)] = state });
        if (saved is int id)
        {
            Toasts.Success("Workbook saved: reopen it any time from Workbooks.");
            NavigateAway(PortalUrls.Workbook(id));
        }
    }

    private async Task SaveAsync()
    {
        var user = (await AuthenticationState).User;
        var result = await Workbooks.SaveElementAsync(user, workbook!.Id, element!.Id, state);
        if (result.Succeeded)
        {
            Toasts.Success($"Workbook saved: {workbook.Name}");
        }
        else
        {
            Toasts.Error("Not saved: " + string.Join(" ", result.AllMessages));
        }
    }

    /// <summary>A second table in the workbook, starting from the current view.</summary>
    private async Task AddElementAsync()
    {
        var user = (await AuthenticationState).User;
        var result = await Workbooks.AddElementAsync(user, workbook!.Id, "", state);
        if (result.Succeeded)
        {
            NavigateAway(PortalUrls.Workbook(workbook.Id, result.Value));
        }
        else
        {
            Toasts.Error("Not added: " + string.Join(" ", result.AllMessages));
        }
    }

    private void OpenElement(int index)
    {
        if (workbook is not null && index >= 0 && index < workbook.Elements.Count && workbook.Elements[index] != element)
        {
            NavigateAway(PortalUrls.Workbook(workbook.Id, workbook.Elements[index].Id));
        }
    }

    private void NavigateAway(string url)
    {
        leaving = true;
        Navigation.NavigateTo(url);
    }

    /// <summary>Moves the address bar to the current state; true when that is a navigation.</summary>
    private bool UpdateUrl()
    {
        if (leaving)
        {
            // The first page of a view opened just before Save As (a slow count) arrived after it: its replace would
            // land after the workbook's address, and the browser would reopen the plain explorer (seen as a flaky test).
            return false;
        }

        var shown = address with { View = state, WorkbookId = workbook?.Id, ElementId = element?.Id };
        var url = Navigation.ToAbsoluteUri(PortalUrls.AuditLogsView(shown.ToQuery())).ToString();
        if (url == Navigation.Uri || shown.IsShownBy(Navigation.Uri))
        {
            // The address already says this view, in other words (cols=a,b for cols=a%2Cb): moving it would be a
            // navigation for nothing, and one that closes an open dialog (Save As) when the first page is slow.
            return false;
        }

        ownUrl = url;
        Navigation.NavigateTo(url, new NavigationOptions { ReplaceHistoryEntry = true });
        return true;
    }
}
