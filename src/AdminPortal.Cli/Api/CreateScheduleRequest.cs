namespace AdminPortal.Cli.Api;

/// <summary>POST /api/schedules (the portal's ScheduleExportCommand).</summary>
public sealed record CreateScheduleRequest(
    string? Name, int WorkbookId, int TableElementId, Guid IntegrationId, string UriTemplate, string Format, bool Gzip,
    string Mode, string FrequencyKind, int EveryHours, string TimeZoneId, string FirstRun,
    bool IncludeIdentityColumns);
