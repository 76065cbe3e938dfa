namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// Where a next page starts: the sort key of the last row shown, its sort column's stored value (none when the sort is
/// the event time), event time and id, as <see cref="AuditSql.OrderBy"/> orders them. A page read after it walks the
/// index from there; an OFFSET reads and drops every row before the page (page 10,000 of 500,000 events: 220 ms on
/// PostgreSQL, bench/).
/// </summary>
public sealed record AuditPageKey(object? SortValue, long EventTimeMs, long Id)
{
    /// <summary>The key of <paramref name="row"/> in a sort by <paramref name="sortColumn"/>.</summary>
    public static AuditPageKey Of(AuditEvent row, string sortColumn) => new(
        AuditSql.SortColumn(sortColumn) is { Name: not nameof(AuditEvent.EventTimeUtc) } column ? AuditEventWriter.ValueOf(row, column.Name) : null,
        AuditEventWriter.ToUnixMs(row.EventTimeUtc),
        row.Id);
}
