namespace AdminPortal.Cli.Api;

/// <summary>One schedule (the portal's ScheduledExportSummary): an exportConfig's id is its schedule's id.</summary>
public sealed record ScheduleItem(
    Guid Id, string Name, int WorkbookId, int TableElementId, string? ElementName, Guid IntegrationId, string? IntegrationName,
    string? Destination, string? UriTemplate, string? Format, bool Gzip, string? Mode, string? Frequency, bool Paused,
    string? PauseReason, string? LastRunStatus, DateTime? LastRunAtUtc, DateTimeOffset? NextRunUtc, bool IncludeIdentityColumns = false);
