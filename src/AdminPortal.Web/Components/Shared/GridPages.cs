using AdminPortal.Core.Common;
using MudBlazor;

namespace AdminPortal.Web.Components.Shared;

/// <summary>
/// The server side of a list's <see cref="MudDataGrid{T}"/>: turns the grid's page and sort into a <see cref="ListQuery"/>
/// for the Core, whose database pages and sorts. A request the grid replaced by a newer one (paging quickly) keeps the
/// rows on screen rather than blanking them.
/// </summary>
public sealed class GridPages<T>
{
    private GridData<T> shown = new() { Items = [], TotalItems = 0 };

    /// <summary>The grid's page and sort (its first sort column: the lists sort on one) as the Core's query.</summary>
    public static ListQuery QueryOf(GridState<T> state)
    {
        var sort = state.SortDefinitions.OrderBy(s => s.Index).FirstOrDefault();
        return new ListQuery(state.Page * state.PageSize, state.PageSize, sort?.SortBy, sort?.Descending ?? false);
    }

    public async Task<GridData<T>> LoadAsync(GridState<T> state, Func<ListQuery, Task<ListPage<T>>> read, CancellationToken ct)
    {
        try
        {
            var page = await read(QueryOf(state));
            shown = new GridData<T> { Items = page.Rows, TotalItems = page.Total };
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // A newer request replaced this one: its answer is the one the grid shows.
        }

        return shown;
    }
}
