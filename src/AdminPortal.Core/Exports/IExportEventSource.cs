namespace AdminPortal.Core.Exports;

/// <summary>
/// Where an export reads the events of its window. One implementation per Database:Provider, chosen once at
/// registration: <see cref="ExportEventSource"/> (SQLite) and <see cref="PostgreSqlExportEventSource"/>.
/// </summary>
public interface IExportEventSource
{
    /// <summary>
    /// The newest row id and its ingestion time: the upper bound of a window taken now. Every row id up to it is final
    /// (stored or never to be): an incremental export's watermark passes over nothing that commits later.
    /// </summary>
    Task<(long RowId, DateTime? IngestedAtUtc)> NewestAsync(bool searched, CancellationToken ct);

    /// <summary>The ingestion time of a row, for the watermark people read; null when retention already removed it.</summary>
    Task<DateTime?> IngestedAtAsync(long rowId, CancellationToken ct);

    /// <summary>
    /// Where reading starts: just before the oldest event time of the window. An incremental window is a short range of
    /// row ids, so this costs little, and the time-ordered scan then skips the events exported long ago.
    /// </summary>
    Task<ExportCursor?> StartAsync(ExportWindow window, CancellationToken ct);

    /// <summary>
    /// The window's events after <paramref name="after"/>, in export order, read in keyset batches of
    /// <paramref name="batchSize"/> (one short read each) as the caller steps through them.
    /// </summary>
    Task<ExportEventReader> ReadAsync(ExportWindow window, ExportRowShape shape, ExportCursor after, int batchSize, CancellationToken ct);

    /// <summary>
    /// The window's events counted per <paramref name="bucketMs"/> of event time, in one grouped query on the event-time
    /// (or filter, time) index, at most <paramref name="maxBuckets"/> buckets: the schedule form's estimate of how many
    /// objects the next run writes (<see cref="EstimateNextRun"/>).
    /// </summary>
    Task<ExportEventBuckets> CountByTimeAsync(ExportWindow window, long bucketMs, int maxBuckets, CancellationToken ct);

    /// <summary>The oldest event time among the rows after <paramref name="rowId"/> (what an export still has to deliver); null when none.</summary>
    Task<DateTime?> OldestEventTimeAfterAsync(long rowId, CancellationToken ct);
}
