namespace AdminPortal.Core.Exports;

/// <summary>One schedule as the Schedule Exports modal lists it.</summary>
public sealed record ScheduledExportSummary(
    Guid Id, string Name, int WorkbookId, int TableElementId, string ElementName, Guid IntegrationId, string? IntegrationName,
    string Destination, string UriTemplate, ExportFormat Format, bool Gzip, ExportMode Mode, string Frequency,
    bool Paused, string? PauseReason, DateTime? WatermarkIngestedAtUtc, ExportRunStatus? LastRunStatus, DateTime? LastRunAtUtc,
    DateTimeOffset? NextRunUtc, ExportFirstRun FirstRun, bool IncludeIdentityColumns = false);
