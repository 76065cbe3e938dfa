using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Ledger;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using MudBlazor;

namespace AdminPortal.Web.Components.AuditLogs;

/// <summary>
/// The events of a view, a page at a time from the server: sort and filters in the header change the view (reported
/// through <see cref="StateChanged"/>); every page shown reports the view it was read with through <see cref="Loaded"/>.
/// </summary>
public partial class EventsGrid
{
    private static readonly int[] pageSizes = [25, 50, 100, 200];

    private MudDataGrid<AuditEvent>? grid;
    private ExplorerState view = new();
    private ExplorerState? received;
    private GridData<AuditEvent> shown = new() { Items = [], TotalItems = 0 };
    private string? shownRowsKey;
    private bool totalIsLowerBound;
    private int pageIndex;
    private int pageSize = 50;
    private bool loadedOnce;
    private string? error;

    /// <summary>The ledger matches of the page shown, by event row id and slot (0 actor, 1 target, 2 second target).</summary>
    private Dictionary<(long EventId, int Slot), EventMatch> matches = [];

    [Inject] private AuditLogExplorer Explorer { get; set; } = default!;
    [Inject] private LedgerQueries Ledger { get; set; } = default!;
    [Inject] private ILogger<EventsGrid> Logger { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The view to show; a new one (from the toolbar or the address) reloads from the first page.</summary>
    [Parameter, EditorRequired] public ExplorerState State { get; set; } = default!;

    /// <summary>Sort or a filter changed in the header.</summary>
    [Parameter] public EventCallback<ExplorerState> StateChanged { get; set; }

    /// <summary>A page is on screen; its view, to put in the address.</summary>
    [Parameter] public EventCallback<ExplorerState> Loaded { get; set; }

    /// <summary>A row was clicked: the event's id.</summary>
    [Parameter] public EventCallback<long> EventClicked { get; set; }

    private IEnumerable<AuditColumn> VisibleColumns => AuditColumns.All.Where(c => view.Columns.Contains(c.Name));

    private string Summary
    {
        get
        {
            var pages = Math.Max(1, (int)Math.Ceiling(shown.TotalItems / (double)pageSize));
            var events = totalIsLowerBound ? $"more than {shown.TotalItems:N0} events" : $"{shown.TotalItems:N0} events";
            return $"Page {pageIndex + 1} of {pages:N0} ({events})";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        if (ReferenceEquals(State, received))
        {
            return;
        }

        received = State;
        var rowsChange = RowsKey(State) != RowsKey(view);
        view = State;
        if (loadedOnce && rowsChange)
        {
            await ReloadFirstPageAsync();
        }
        else if (loadedOnce)
        {
            // Only the columns changed: the rows stay, the address follows.
            await Loaded.InvokeAsync(view);
        }
    }

    /// <summary>The grid's server call: the view's range, search, filters and sort, the grid's page.</summary>
    private async Task<GridData<AuditEvent>> LoadAsync(GridState<AuditEvent> gridState, CancellationToken ct)
    {
        var requested = view;
        try
        {
            var user = (await AuthenticationState).User;
            var page = NextPageKey(gridState, requested) is { } after
                ? await Explorer.NextPageAsync(user, requested, after, gridState.PageSize, ct)
                : await Explorer.PageAsync(user, requested, gridState.Page * gridState.PageSize, gridState.PageSize, ct);
            // The page's display names in one query, whatever the page size.
            matches = (await Ledger.MatchesOfEventsAsync(user, [.. page.Rows.Select(r => r.Id)], ct)).ToDictionary(m => (m.EventId, m.Slot));
            shown = new GridData<AuditEvent> { Items = page.Rows, TotalItems = (int)Math.Min(page.Total, int.MaxValue) };
            shownRowsKey = RowsKey(requested);
            totalIsLowerBound = page.TotalIsLowerBound;
            pageIndex = gridState.Page;
            pageSize = gridState.PageSize;
            error = null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer request replaced this one; the grid shows that one's answer.
            return shown;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException)
        {
            Logger.LogWarning(ex, "The explorer could not read a page of events");
            error = ex.Message;
            shown = new GridData<AuditEvent> { Items = [], TotalItems = 0 };
            await InvokeAsync(StateHasChanged);
            return shown;
        }

        loadedOnce = true;
        // After the grid has rendered these rows: whoever watches the address then sees the rows of that address.
        _ = InvokeAsync(() => Loaded.InvokeAsync(requested));
        return shown;
    }

    /// <summary>
    /// The key of the last row shown when the grid asks for the page after it in the same view: that page is read from
    /// the key (keyset), not by skipping every row before it, which is what made deep pages slow. Any other page (a
    /// jump, back, another size) is read by its offset.
    /// </summary>
    private AuditPageKey? NextPageKey(GridState<AuditEvent> gridState, ExplorerState requested) =>
        gridState.Page == pageIndex + 1 && gridState.PageSize == pageSize && shownRowsKey == RowsKey(requested)
            && shown.Items.LastOrDefault() is { } last
            ? AuditPageKey.Of(last, requested.Sort)
            : null;

    private async Task SortAsync(AuditColumn column) => await ChangeAsync(ExplorerPageState.SortedBy(view, column.Name));

    private async Task FilterAsync((AuditColumn Column, string? Value) change) =>
        await ChangeAsync(ExplorerPageState.FilteredBy(view, change.Column, change.Value));

    private async Task ChangeAsync(ExplorerState changed)
    {
        view = changed;
        received = changed;
        await StateChanged.InvokeAsync(changed);
        await ReloadFirstPageAsync();
    }

    private async Task ReloadFirstPageAsync()
    {
        if (grid is null)
        {
            return;
        }

        if (grid.CurrentPage != 0)
        {
            // Moving to the first page reloads it.
            grid.NavigateTo(Page.First);
        }
        else
        {
            await grid.ReloadServerData();
        }
    }

    /// <summary>The ledger match shown in a cell: the actor's in Login, the targets' in Target name and Second target.</summary>
    private EventMatch? MatchOf(AuditEvent item, AuditColumn column) => LedgerSlot(column.Name) is { } slot
        && matches.TryGetValue((item.Id, slot), out var match) ? match : null;

    private static int? LedgerSlot(string column) => column switch
    {
        nameof(AuditEvent.Login) => 0,
        nameof(AuditEvent.TargetName) => 1,
        nameof(AuditEvent.SecondTarget) => 2,
        _ => null,
    };

    private Task OnRowClick(DataGridRowClickEventArgs<AuditEvent> args) => EventClicked.InvokeAsync(args.Item.Id);

    private string? SortIcon(AuditColumn column) => view.Sort != column.Name ? null
        : view.Descending ? Icons.Material.Filled.ArrowDownward : Icons.Material.Filled.ArrowUpward;

    private string AriaSort(AuditColumn column) => view.Sort != column.Name ? "none" : view.Descending ? "descending" : "ascending";

    /// <summary>What decides the rows (not the columns shown).</summary>
    private static string RowsKey(ExplorerState state) => (state with { Columns = [] }).ToJson();

    /// <summary>
    /// A time to the second: the milliseconds (kept in the title and in the event's drawer) made the time column the
    /// widest of the eight defaults, and with them Target name did not fit 1280 px beside the drawer.
    /// </summary>
    private static string Shown(AuditColumn column, string text) =>
        column.Kind == AuditColumnKind.Time && text.Length > SecondsLength ? text[..SecondsLength] : text;

    /// <summary>The whole value when the cell may cut it: a time's milliseconds, a long text's end.</summary>
    private static string? TitleOf(AuditColumn column, string text) =>
        column.Kind == AuditColumnKind.Time ? (text.Length > SecondsLength ? text : null)
        : text.Length > 16 ? text : null;

    /// <summary>"yyyy-MM-dd HH:mm:ss".</summary>
    private const int SecondsLength = 19;

    /// <summary>
    /// The column's width in the grid's fixed layout (the table never sizes itself to its content, so a long login
    /// cannot push Target name out of view): the 8 default columns add up to 60.75rem, inside the 62rem a 1280 px
    /// window leaves beside the drawer; the table fills any width left, and scrolls in its own box once the columns a
    /// user added no longer fit. Sized for the grid's 13 px text in a wide system font (DejaVu Sans).
    /// </summary>
    private static string WidthOf(AuditColumn column) => "width: " + column.Name switch
    {
        nameof(AuditEvent.Login) or nameof(AuditEvent.TargetName) => "9rem",
        nameof(AuditEvent.Datasource) => "7.25rem",
        nameof(AuditEvent.Family) => "6rem",
        nameof(AuditEvent.Action) => "6.5rem",
        _ => column.Kind switch
        {
            AuditColumnKind.Time => "10rem",
            AuditColumnKind.Status => "6rem",
            AuditColumnKind.TargetType => "7rem",
            AuditColumnKind.Number => "5.5rem",
            _ => "9rem",
        },
    };
}
