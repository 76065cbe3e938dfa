using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The events a run exports: row ids after <see cref="AfterRowId"/> up to <see cref="ToRowId"/> (the newest row when the
/// window was taken, so rows ingested during the run wait for the next one), matching the element's filters and, for a
/// full snapshot, its event-time range.
/// </summary>
public sealed record ExportWindow(long? AfterRowId, long ToRowId, DateTime? FromEventTimeUtc, DateTime? ToEventTimeUtc, string? Search, IReadOnlyList<AuditFilter> Filters)
{
    /// <summary>
    /// Up to this many row ids, a window is read by its row id range and sorted (an incremental run's usual window);
    /// past it, by the time-ordered indexes. Sorting a range costs its size once per batch, so it must stay small
    /// (SQLite left to itself sorted whole 200,000-row windows for every batch of a snapshot).
    /// </summary>
    public const long SmallWindowRows = 50_000;

    internal AuditQuery Query => new() { FromUtc = FromEventTimeUtc, ToUtc = ToEventTimeUtc, Search = Search, Filters = Filters };

    /// <summary>Tests lower it to read a small window the way a large one is read.</summary>
    internal long SmallWindowLimit { get; init; } = SmallWindowRows;

    internal bool IsSmall => ToRowId - (AfterRowId ?? 0) <= SmallWindowLimit;

    /// <summary>How the table is read and how the id bounds are written, per the window's size (see <see cref="SmallWindowRows"/>).</summary>
    internal (string Table, string Id) Plan(string alias) => IsSmall
        // NOT INDEXED still lets SQLite seek the rowid range; it only keeps the other indexes out.
        ? ($"\"AuditEvents\" {alias} NOT INDEXED", $"{alias}.\"Id\"")
        // A unary + keeps the rowid range from driving the scan: the time (or filter, time) index does, in export order.
        : ($"\"AuditEvents\" {alias}", $"+{alias}.\"Id\"");
}
