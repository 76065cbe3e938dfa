using System.Globalization;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.AuditLogs;

/// <summary>The explorer's state in its URL, both ways: the page, its bookmarks and the CSV download share this format.</summary>
public static class ExplorerUrl
{
    /// <summary>
    /// The state a URL describes. What had to be dropped because it was not valid and would change which events are
    /// read (a filter, the range, a custom range's bound) is described in <paramref name="ignored"/>.
    /// </summary>
    public static ExplorerState Parse(Func<string, string?> get, ICollection<string>? ignored = null) => new ExplorerState
    {
        Range = get("range") ?? "7d",
        FromUtc = ParseTime(get("from"), "start", ignored),
        ToUtc = ParseTime(get("to"), "end", ignored),
        Search = get("q"),
        Sort = get("sort") ?? nameof(AuditEvent.EventTimeUtc),
        Descending = get("dir") != "asc",
        Columns = string.IsNullOrEmpty(get("cols")) ? AuditColumns.DefaultVisible : get("cols")!.Split(','),
        Filters = ExplorerState.DecodeFilters(get("f"), ignored),
        IdentityId = ParseIdentity(get("identity"), ignored),
        ActorUnmatched = get("unmatched") == ActorUnmatchedValue,
    }.Sanitized(ignored);

    /// <summary>The value of <c>unmatched=</c> that keeps the events whose actor matched nothing in the ledger.</summary>
    public const string ActorUnmatchedValue = "actor";

    /// <summary>The query string ("?…", or "" for the defaults) that <see cref="Parse"/> reads back.</summary>
    public static string Format(ExplorerState state, int? workbookId = null, int? elementId = null)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("workbook", workbookId?.ToString(CultureInfo.InvariantCulture));
        Add("element", elementId?.ToString(CultureInfo.InvariantCulture));
        Add("range", state.Range);
        if (state.Range == "custom")
        {
            Add("from", state.FromUtc?.ToString("o", CultureInfo.InvariantCulture));
            Add("to", state.ToUtc?.ToString("o", CultureInfo.InvariantCulture));
        }

        Add("q", state.Search);
        Add("sort", state.Sort == nameof(AuditEvent.EventTimeUtc) ? null : state.Sort);
        Add("dir", state.Descending ? null : "asc");
        Add("cols", state.Columns.SequenceEqual(AuditColumns.DefaultVisible) ? null : string.Join(",", state.Columns));
        Add("f", ExplorerState.EncodeFilters(state.Filters));
        Add("identity", state.IdentityId?.ToString(CultureInfo.InvariantCulture));
        Add("unmatched", state.ActorUnmatched ? ActorUnmatchedValue : null);
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }

    public static DateTime? ParseTime(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    private static long? ParseIdentity(string? value, ICollection<string>? ignored)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return id;
        }

        ignored?.Add($"the identity '{value}' (not a ledger entity's number)");
        return null;
    }

    private static DateTime? ParseTime(string? value, string bound, ICollection<string>? ignored)
    {
        var time = ParseTime(value);
        if (time is null && !string.IsNullOrEmpty(value))
        {
            ignored?.Add($"the custom range's {bound} '{value}' (not a date and time)");
        }

        return time;
    }
}
