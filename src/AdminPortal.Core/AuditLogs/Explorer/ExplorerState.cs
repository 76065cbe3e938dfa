using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// Everything a user sets in the explorer: time range, free text, columns, filters, sort. It lives in the URL
/// (so it can be bookmarked) and in a workbook's table element (so it can be reopened).
/// </summary>
public sealed record ExplorerState
{
    public static readonly IReadOnlyList<string> Ranges = ["1h", "24h", "7d", "30d", "custom"];

    public string Range { get; init; } = "7d";
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public string? Search { get; init; }
    public IReadOnlyList<string> Columns { get; init; } = AuditColumns.DefaultVisible;
    public IReadOnlyList<AuditFilter> Filters { get; init; } = [];
    public string Sort { get; init; } = nameof(AuditEvent.EventTimeUtc);
    public bool Descending { get; init; } = true;

    /// <summary>
    /// Only the events matched to this ledger entity: an identity's events across her accounts (matched to her or to an
    /// account she owned then), another entity's events; null for every event.
    /// </summary>
    public long? IdentityId { get; init; }

    /// <summary>Only the events whose actor matched nothing in the ledger. Left out of the JSON when off, so saved states keep their text.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ActorUnmatched { get; init; }

    /// <summary>The time window the range means now; a custom range without bounds is open on that side.</summary>
    public (DateTime? From, DateTime? To) Window(DateTime nowUtc) => Range switch
    {
        "1h" => (nowUtc.AddHours(-1), null),
        "24h" => (nowUtc.AddHours(-24), null),
        "7d" => (nowUtc.AddDays(-7), null),
        "30d" => (nowUtc.AddDays(-30), null),
        _ => (FromUtc, ToUtc),
    };

    /// <summary>The range in words, as an export's form says what a first run takes: "last 7 days", "since 2026-03-01 00:00 UTC".</summary>
    public string DescribeRange() => Range switch
    {
        "1h" => "last hour",
        "24h" => "last 24 hours",
        "7d" => "last 7 days",
        "30d" => "last 30 days",
        _ => (FromUtc, ToUtc) switch
        {
            ({ } from, { } to) => $"{At(from)} to {At(to)}",
            ({ } from, null) => $"since {At(from)}",
            (null, { } to) => $"until {At(to)}",
            _ => "all time",
        },
    };

    private static string At(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";

    public AuditQuery ToQuery(DateTime nowUtc, int skip = 0, int take = 50)
    {
        var (from, to) = Window(nowUtc);
        return new AuditQuery
        {
            FromUtc = from,
            ToUtc = to,
            Search = Search,
            Filters = Filters,
            SortColumn = Sort,
            SortDescending = Descending,
            IdentityId = IdentityId,
            ActorUnmatched = ActorUnmatched,
            Skip = skip,
            Take = take,
        };
    }

    /// <summary>
    /// Drops what does not belong to AUDIT_LOGS (a hand-edited URL): unknown columns, filters and ranges. Each dropped
    /// part that changes which events are read (a filter, the range) is described in <paramref name="ignored"/>.
    /// </summary>
    public ExplorerState Sanitized(ICollection<string>? ignored = null)
    {
        var columns = Columns.Select(AuditColumns.Find).Where(c => c is not null).Select(c => c!.Name).Distinct().ToList();
        if (!Ranges.Contains(Range))
        {
            ignored?.Add($"the time range '{Range}' (it must be one of {string.Join(", ", Ranges)}; 7d was used)");
        }

        return this with
        {
            Range = Ranges.Contains(Range) ? Range : "7d",
            Columns = columns.Count > 0 ? columns : AuditColumns.DefaultVisible,
            // A hand-written state (the API's) may hold a null filter: it filters nothing.
            Filters = Filters.Where(f => f is not null && Applies(f, ignored)).ToList(),
            Sort = AuditColumns.Find(Sort)?.Name ?? nameof(AuditEvent.EventTimeUtc),
            Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        };
    }

    /// <summary>A filter on a column of AUDIT_LOGS whose values suit the column (a hand-edited time or number may not).</summary>
    private static bool Applies(AuditFilter filter, ICollection<string>? ignored)
    {
        if (AuditColumns.Find(filter.Column) is not { } column)
        {
            ignored?.Add($"the filter on '{filter.Column}' (AUDIT_LOGS has no such column)");
            return false;
        }

        if (filter.Operator is FilterOperator.IsEmpty or FilterOperator.IsNotEmpty)
        {
            return true;
        }

        var values = filter.Operator == FilterOperator.In ? filter.Values ?? [] : filter.Value is null ? [] : [filter.Value];
        var invalid = values.FirstOrDefault(v => !AuditSql.TryTyped(column, v, out _));
        if (invalid is not null)
        {
            ignored?.Add($"the filter {column.Title} {filter.Operator} '{invalid}' ('{invalid}' is not a valid value for {column.Title})");
            return false;
        }

        return true;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ExplorerState FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new ExplorerState();
        }

        try
        {
            return (JsonSerializer.Deserialize<ExplorerState>(json, Json) ?? new ExplorerState()).Sanitized();
        }
        catch (JsonException)
        {
            return new ExplorerState();
        }
    }

    /// <summary>Filters as a URL-safe token (base64url of their JSON).</summary>
    public static string? EncodeFilters(IReadOnlyList<AuditFilter> filters) =>
        filters.Count == 0 ? null : Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(filters, Json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static IReadOnlyList<AuditFilter> DecodeFilters(string? token) => DecodeFilters(token, null);

    /// <summary>The filters of a URL token; an unreadable token is no filter, said in <paramref name="ignored"/>.</summary>
    public static IReadOnlyList<AuditFilter> DecodeFilters(string? token, ICollection<string>? ignored)
    {
        if (string.IsNullOrEmpty(token))
        {
            return [];
        }

        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            return JsonSerializer.Deserialize<List<AuditFilter>>(Encoding.UTF8.GetString(Convert.FromBase64String(base64)), Json) ?? [];
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            ignored?.Add("the filters (the address's f= part could not be read)");
            return [];
        }
    }
}
