using System.Text.Json.Serialization;

namespace AdminPortal.Core.AuditLogs.Explorer;

[JsonConverter(typeof(JsonStringEnumConverter))]
public enum FilterOperator
{
    Contains,
    Equals,
    NotEquals,
    StartsWith,
    In,
    IsEmpty,
    IsNotEmpty,
    GreaterOrEqual,
    LessOrEqual,
}

/// <summary>A filter on one column of AUDIT_LOGS. <see cref="Values"/> serves <see cref="FilterOperator.In"/>.</summary>
public sealed record AuditFilter(string Column, FilterOperator Operator, string? Value = null, IReadOnlyList<string>? Values = null);

/// <summary>What the explorer asks of AUDIT_LOGS: a time window, free text, filters, a sort and a page.</summary>
public sealed record AuditQuery
{
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public string? Search { get; init; }
    public IReadOnlyList<AuditFilter> Filters { get; init; } = [];
    public string SortColumn { get; init; } = nameof(AuditEvent.EventTimeUtc);
    public bool SortDescending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 50;
}

/// <summary>
/// One page of events; the total is exact up to <see cref="AuditEventReader.ExactCountLimit"/>
/// (<see cref="AuditEventReader.SearchCountLimit"/> with free text), then a lower bound.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Rows, long Total, bool TotalIsLowerBound);

public sealed record HistogramBucket(DateTime StartUtc, long Count);
