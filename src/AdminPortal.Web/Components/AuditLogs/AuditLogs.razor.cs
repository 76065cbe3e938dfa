using System.Globalization;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.AuditLogs;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;
using Radzen.Blazor;
using ExplorerFilterOperator = AdminPortal.Core.AuditLogs.Explorer.FilterOperator;

namespace AdminPortal.Web.Components.AuditLogs;

public partial class AuditLogs
{
    private static readonly IEnumerable<int> pageSizes = [25, 50, 100, 200];

    private ExplorerState state = new();
    private Workbook? workbook;
    private TableElement? element;
    private RadzenDataGrid<AuditEvent>? grid;
    private EventsChart? chart;
    private IEnumerable<AuditEvent>? rows;
    private int count;
    private bool countIsLowerBound;
    private bool loading;
    private int generation;
    private bool ready;
    private string? ownUrl;
    private string? chartKey;

    /// <summary>Parts of the address that were not valid and so not applied (shown above the grid).</summary>
    private List<string> ignoredParts = [];

    /// <summary>The address names a workbook that does not exist or is another user's: said, not replaced by the plain explorer.</summary>
    private bool workbookNotFound;

    /// <summary>
    /// The page sent the browser to another address (Save As, Add table, a tab) that has not been opened yet: until it
    /// is, no URL update of ours may follow it, as the browser would replace that address with the view being left.
    /// </summary>
    private bool leaving;

    [Inject] private AuditLogExplorer Explorer { get; set; } = default!;
    [Inject] private WorkbookService Workbooks { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private Shared.PortalDialogs PortalDialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "range")] private string? RangeParam { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? FromParam { get; set; }
    [SupplyParameterFromQuery(Name = "to")] private string? ToParam { get; set; }
    [SupplyParameterFromQuery(Name = "q")] private string? SearchParam { get; set; }
    [SupplyParameterFromQuery(Name = "sort")] private string? SortParam { get; set; }
    [SupplyParameterFromQuery(Name = "dir")] private string? DirParam { get; set; }
    [SupplyParameterFromQuery(Name = "cols")] private string? ColumnsParam { get; set; }
    [SupplyParameterFromQuery(Name = "f")] private string? FiltersParam { get; set; }
    [SupplyParameterFromQuery(Name = "workbook")] private int? WorkbookParam { get; set; }
    [SupplyParameterFromQuery(Name = "element")] private int? ElementParam { get; set; }

    /// <summary>A failure e-mail links here: the workbook with its Schedule Exports modal on that schedule's history.</summary>
    [SupplyParameterFromQuery(Name = "history")] private Guid? HistoryParam { get; set; }

    private Guid? historyOpened;

    /// <summary>The history to open once the grid's first URL update is done: Radzen closes every dialog on a location change.</summary>
    private Guid? historyPending;

    private string Title => workbookNotFound ? "Workbook not found" : workbook is null ? "AUDIT_LOGS" : $"{workbook.Name}";

    private int ElementIndex => workbook is null || element is null ? 0 : Math.Max(0, workbook.Elements.IndexOf(element));

    private string PagingSummary => countIsLowerBound
        ? "Page {0} of {1} (more than {2} events)"
        : "Page {0} of {1} ({2} events)";

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
        var user = (await AuthenticationState).User;
        var opened = WorkbookParam is int id ? await Workbooks.GetAsync(user, id) : null;
        if (opening != generation)
        {
            // A later address arrived while this one's workbook was read: that one is shown.
            return;
        }

        workbook = opened;
        workbookNotFound = WorkbookParam is not null && opened is null;
        element = workbook?.Elements.FirstOrDefault(e => ElementParam is null || e.Id == ElementParam) ?? workbook?.Elements.FirstOrDefault();
        var ignored = new List<string>();
        state = element is not null && RangeParam is null
            ? ExplorerState.FromJson(element.StateJson)
            : StateFromUrl(ignored);
        ignoredParts = ignored;
        chartKey = null;
        ready = !workbookNotFound;
        if (HistoryParam is { } history && history != historyOpened && workbook is not null)
        {
            historyOpened = history;
            historyPending = history;
        }
    }

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
        await Exports.ScheduleExportsDialog.OpenAsync(PortalDialogs, opened, history);
    }

    private ExplorerState StateFromUrl(ICollection<string> ignored) => ExplorerUrl.Parse(name => name switch
    {
        "range" => RangeParam,
        "from" => FromParam,
        "to" => ToParam,
        "q" => SearchParam,
        "sort" => SortParam,
        "dir" => DirParam,
        "cols" => ColumnsParam,
        "f" => FiltersParam,
        _ => null,
    }, ignored);

    private async Task LoadAsync(LoadDataArgs args)
    {
        loading = true;
        var loadingGeneration = generation;
        var sort = args.Sorts?.FirstOrDefault(s => s.SortOrder is not null);
        var requested = state with
        {
            Filters = (args.Filters ?? []).Select(ToFilter).Where(f => f is not null).Select(f => f!).ToList(),
            Sort = sort?.Property ?? nameof(AuditEvent.EventTimeUtc),
            Descending = sort is null || sort.SortOrder == SortOrder.Descending,
        };
        var user = (await AuthenticationState).User;
        var page = await Explorer.PageAsync(user, requested, args.Skip ?? 0, args.Top ?? 50);
        if (loadingGeneration != generation)
        {
            // A new URL or workbook replaced the grid while this page was read: its answer is stale.
            return;
        }

        state = requested;
        rows = page.Rows;
        count = (int)page.Total;
        countIsLowerBound = page.TotalIsLowerBound;
        loading = false;
        // Render the rows first, then move the URL: whoever watches the URL sees the rows of that URL.
        StateHasChanged();
        if (!UpdateUrl())
        {
            OpenPendingHistory();
        }

        await RefreshChartAsync();
    }

    private async Task OnToolbarChangedAsync(ExplorerState changed)
    {
        state = changed;
        if (grid is not null)
        {
            await grid.FirstPage(forceReload: true);
        }
    }

    private void OnColumnsPicked(DataGridPickedColumnsChangedEventArgs<AuditEvent> args)
    {
        state = state with { Columns = (args.Columns ?? []).Select(c => c.Property).Where(p => p is not null).ToList() };
        UpdateUrl();
    }

    private async Task RefreshChartAsync()
    {
        // The chart follows time range, search and filters; paging and sorting leave it alone.
        var key = (state with { Sort = "", Descending = false, Columns = [] }).ToJson();
        if (key != chartKey && chart is not null)
        {
            chartKey = key;
            await chart.RefreshAsync(state);
        }
    }

    private async Task OpenEventAsync(DataGridRowMouseEventArgs<AuditEvent> args)
    {
        if (args.Data is not { } row)
        {
            return;
        }

        await Dialogs.OpenSideAsync<EventDetails>($"Event {row.EventId}",
            new Dictionary<string, object?> { [nameof(EventDetails.Id)] = row.Id },
            new SideDialogOptions { Position = DialogPosition.Right, Width = "min(640px, 96vw)", CloseDialogOnOverlayClick = true, ShowMask = true });
    }

    private async Task SaveAsAsync()
    {
        var saved = await Dialogs.OpenAsync<SaveWorkbookDialog>("Save As workbook",
            new Dictionary<string, object?> { [nameof(SaveWorkbookDialog.State)] = state },
            new DialogOptions { Width = "440px" });
        if (saved is int id)
        {
            Notifications.Notify(NotificationSeverity.Success, "Workbook saved", "Reopen it any time from Workbooks.");
            NavigateAway(PortalUrls.Workbook(id));
        }
    }

    private async Task SaveAsync()
    {
        var user = (await AuthenticationState).User;
        var result = await Workbooks.SaveElementAsync(user, workbook!.Id, element!.Id, state);
        Notifications.Notify(result.Succeeded
            ? new NotificationMessage { Severity = NotificationSeverity.Success, Summary = "Workbook saved", Detail = workbook.Name }
            : new NotificationMessage { Severity = NotificationSeverity.Error, Summary = "Not saved", Detail = string.Join(" ", result.AllMessages) });
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
            Notifications.Notify(NotificationSeverity.Error, "Not added", string.Join(" ", result.AllMessages));
        }
    }

    private void OpenElement(int index)
    {
        if (workbook is not null && index < workbook.Elements.Count)
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

        var query = ExplorerUrl.Format(state, workbook?.Id, element?.Id);
        var url = Navigation.ToAbsoluteUri(PortalUrls.AuditLogsView(query)).ToString();
        if (url == Navigation.Uri || query == ShownQuery())
        {
            // The address already says this view, in other words (cols=a,b for cols=a%2Cb): moving it would be a
            // navigation for nothing, and one that closes an open dialog (Save As) when the first page is slow.
            return false;
        }

        ownUrl = url;
        Navigation.NavigateTo(url, new NavigationOptions { ReplaceHistoryEntry = true });
        return true;
    }

    /// <summary>The address bar's view in <see cref="ExplorerUrl.Format"/>'s words.</summary>
    private string ShownQuery()
    {
        var shown = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
        string? Get(string name) => shown.TryGetValue(name, out var value) ? value.FirstOrDefault() : null;
        int? Id(string name) => int.TryParse(Get(name), CultureInfo.InvariantCulture, out var id) ? id : null;
        return ExplorerUrl.Format(ExplorerUrl.Parse(Get), Id("workbook"), Id("element"));
    }

    private static string WidthOf(AuditColumn column) => column.Kind switch
    {
        AuditColumnKind.Time => "190px",
        AuditColumnKind.Status or AuditColumnKind.Number => "120px",
        AuditColumnKind.TargetType => "150px",
        _ => column.Name is nameof(AuditEvent.Login) or nameof(AuditEvent.TargetName) or nameof(AuditEvent.Payload) ? "240px" : "160px",
    };

    private AuditFilter? Saved(AuditColumn column) => state.Filters.FirstOrDefault(f => f.Column == column.Name);

    private object? InitialFilterValue(AuditColumn column) => Saved(column) is { } f ? column.Kind switch
    {
        AuditColumnKind.Status => Enum.TryParse<AuditEventStatus>(f.Value, out var s) ? s : null,
        AuditColumnKind.TargetType => Enum.TryParse<AuditTargetType>(f.Value, out var t) ? t : null,
        AuditColumnKind.Time => ExplorerUrl.ParseTime(f.Value),
        AuditColumnKind.Number => int.TryParse(f.Value, CultureInfo.InvariantCulture, out var n) ? n : null,
        _ => f.Value,
    } : null;

    private Radzen.FilterOperator InitialFilterOperator(AuditColumn column) => Saved(column)?.Operator switch
    {
        ExplorerFilterOperator.Equals => Radzen.FilterOperator.Equals,
        ExplorerFilterOperator.NotEquals => Radzen.FilterOperator.NotEquals,
        ExplorerFilterOperator.StartsWith => Radzen.FilterOperator.StartsWith,
        ExplorerFilterOperator.GreaterOrEqual => Radzen.FilterOperator.GreaterThanOrEquals,
        ExplorerFilterOperator.LessOrEqual => Radzen.FilterOperator.LessThanOrEquals,
        ExplorerFilterOperator.IsEmpty => Radzen.FilterOperator.IsEmpty,
        ExplorerFilterOperator.IsNotEmpty => Radzen.FilterOperator.IsNotEmpty,
        _ => column.Kind is AuditColumnKind.Text ? Radzen.FilterOperator.Contains : Radzen.FilterOperator.Equals,
    };

    private SortOrder? InitialSort(AuditColumn column) =>
        state.Sort == column.Name ? (state.Descending ? SortOrder.Descending : SortOrder.Ascending) : null;

    /// <summary>A Radzen filter as a filter on AUDIT_LOGS; null when it has no value yet.</summary>
    private static AuditFilter? ToFilter(FilterDescriptor f)
    {
        var column = AuditColumns.Find(f.Property);
        if (column is null)
        {
            return null;
        }

        var op = f.FilterOperator switch
        {
            Radzen.FilterOperator.Equals => ExplorerFilterOperator.Equals,
            Radzen.FilterOperator.NotEquals => ExplorerFilterOperator.NotEquals,
            Radzen.FilterOperator.StartsWith => ExplorerFilterOperator.StartsWith,
            Radzen.FilterOperator.GreaterThan or Radzen.FilterOperator.GreaterThanOrEquals => ExplorerFilterOperator.GreaterOrEqual,
            Radzen.FilterOperator.LessThan or Radzen.FilterOperator.LessThanOrEquals => ExplorerFilterOperator.LessOrEqual,
            Radzen.FilterOperator.IsNull or Radzen.FilterOperator.IsEmpty => ExplorerFilterOperator.IsEmpty,
            Radzen.FilterOperator.IsNotNull or Radzen.FilterOperator.IsNotEmpty => ExplorerFilterOperator.IsNotEmpty,
            _ => ExplorerFilterOperator.Contains,
        };
        var value = f.FilterValue switch
        {
            null => null,
            DateTime d => d.ToUniversalTime().ToString("o", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.UtcDateTime.ToString("o", CultureInfo.InvariantCulture),
            IFormattable v => v.ToString(null, CultureInfo.InvariantCulture),
            var v => v.ToString(),
        };
        if (string.IsNullOrEmpty(value) && op is not (ExplorerFilterOperator.IsEmpty or ExplorerFilterOperator.IsNotEmpty))
        {
            return null;
        }

        if (column.Kind is AuditColumnKind.Status or AuditColumnKind.TargetType or AuditColumnKind.Time or AuditColumnKind.Number
            && op == ExplorerFilterOperator.Contains)
        {
            op = ExplorerFilterOperator.Equals;
        }

        return new AuditFilter(column.Name, op, value);
    }
}
