using System.Globalization;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Web.AuditLogs;
using Microsoft.AspNetCore.WebUtilities;

namespace AdminPortal.Web.Components.AuditLogs;

/// <summary>
/// What the explorer's address says, both ways: the view (range, search, sort, columns, filters) and the workbook, table
/// element and export history it opens. A bookmark or a hand-edited address always gives a state: values that are not
/// valid are dropped and named in <see cref="Ignored"/>, never thrown.
/// </summary>
public sealed record ExplorerPageState
{
    /// <summary>The view: what the grid, the chart and the CSV download read.</summary>
    public ExplorerState View { get; init; } = new();

    public int? WorkbookId { get; init; }

    public int? ElementId { get; init; }

    /// <summary>A failure e-mail's link: the schedule whose history opens over the workbook.</summary>
    public Guid? HistoryId { get; init; }

    /// <summary>True when the address names a view; without one, a workbook's table shows the view saved with it.</summary>
    public bool HasView { get; init; }

    /// <summary>Parts of the address that were not valid and so not applied, in words for the page.</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];

    /// <summary>The state of a query whose values <paramref name="get"/> returns by name (null when absent).</summary>
    public static ExplorerPageState Parse(Func<string, string?> get)
    {
        var ignored = new List<string>();
        return new ExplorerPageState
        {
            View = ExplorerUrl.Parse(get, ignored),
            WorkbookId = Number(get("workbook"), "workbook", ignored),
            ElementId = Number(get("element"), "table", ignored),
            HistoryId = Guid.TryParse(get("history"), out var history) ? history : null,
            HasView = get("range") is not null,
            Ignored = ignored,
        };
    }

    /// <summary>The state of an address (absolute or relative).</summary>
    public static ExplorerPageState FromUri(string uri)
    {
        var queryStart = uri.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart < 0 ? "" : uri[queryStart..].Split('#')[0];
        var values = QueryHelpers.ParseQuery(query);
        return Parse(name => values.TryGetValue(name, out var value) ? value.FirstOrDefault() : null);
    }

    /// <summary>The query string ("?…", or "" for the plain explorer's defaults) that <see cref="Parse"/> reads back.</summary>
    public string ToQuery() => ExplorerUrl.Format(View, WorkbookId, ElementId);

    /// <summary>True when <paramref name="uri"/> shows the same view, whatever its spelling (cols=a,b for cols=a%2Cb).</summary>
    public bool IsShownBy(string uri) => FromUri(uri).ToQuery() == ToQuery();

    /// <summary>The view sorted by <paramref name="column"/>: ascending first, then the other way on each click.</summary>
    public static ExplorerState SortedBy(ExplorerState view, string column) =>
        view.Sort == column ? view with { Descending = !view.Descending } : view with { Sort = column, Descending = false };

    /// <summary>The value a column's filter box shows: its filter's value, or "" when the column has none.</summary>
    public static string FilterText(ExplorerState view, string column) =>
        view.Filters.FirstOrDefault(f => f.Column == column) is { } filter
            ? filter.Operator == FilterOperator.In ? string.Join(",", filter.Values ?? []) : filter.Value ?? ""
            : "";

    /// <summary>
    /// The view with <paramref name="column"/>'s filter set to <paramref name="value"/> (none when empty). A filter the
    /// address brought with its own operator (starts with, not equal…) keeps it; a new one is "contains" for text and
    /// "equals" for the other kinds.
    /// </summary>
    public static ExplorerState FilteredBy(ExplorerState view, AuditColumn column, string? value)
    {
        var others = view.Filters.Where(f => f.Column != column.Name).ToList();
        if (string.IsNullOrWhiteSpace(value))
        {
            return view with { Filters = others };
        }

        var kept = view.Filters.FirstOrDefault(f => f.Column == column.Name)?.Operator;
        var op = kept is FilterOperator.Contains or FilterOperator.Equals or FilterOperator.NotEquals or FilterOperator.StartsWith
            or FilterOperator.GreaterOrEqual or FilterOperator.LessOrEqual
            ? kept.Value
            : column.Kind == AuditColumnKind.Text ? FilterOperator.Contains : FilterOperator.Equals;
        return view with { Filters = [.. others, new AuditFilter(column.Name, op, value.Trim())] };
    }

    private static int? Number(string? value, string what, List<string> ignored)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        ignored.Add($"the {what} '{value}' (not a number)");
        return null;
    }
}
