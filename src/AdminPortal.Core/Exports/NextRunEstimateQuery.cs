namespace AdminPortal.Core.Exports;

/// <summary>What the schedule form has chosen so far, for <see cref="EstimateNextRun"/>; <see cref="ScheduleId"/> when editing.</summary>
public sealed record NextRunEstimateQuery
{
    public int WorkbookId { get; init; }
    public int TableElementId { get; init; }
    public Guid? IntegrationId { get; init; }
    public string? UriTemplate { get; init; }
    public ExportMode Mode { get; init; } = ExportMode.Incremental;
    public ExportFirstRun FirstRun { get; init; } = ExportFirstRun.WorkbookRange;
    public Guid? ScheduleId { get; init; }
}
