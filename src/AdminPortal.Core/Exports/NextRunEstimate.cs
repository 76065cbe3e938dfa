namespace AdminPortal.Core.Exports;

/// <summary>
/// What the next run of a schedule would write now: <see cref="Count"/> objects with the chosen template; for an hourly
/// template over more than <see cref="EstimateNextRun.DailyAfter"/> of events, the daily template and its count.
/// </summary>
/// <param name="IsFirstRun">The next run is an incremental export's first (no watermark yet): <see cref="ExportFirstRun"/> decides its events.</param>
/// <param name="WorkbookRange">The element's time range in words ("last 7 days").</param>
/// <param name="WatermarkIngestedAtUtc">Editing a schedule that has delivered: where its next run starts.</param>
public sealed record NextRunEstimate(
    ExportObjectCount Count,
    PartitionGrain Grain,
    bool IsFirstRun,
    string WorkbookRange,
    DateTime? WatermarkIngestedAtUtc,
    string? DailyTemplate,
    ExportObjectCount? DailyCount);
