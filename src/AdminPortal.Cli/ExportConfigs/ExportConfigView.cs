using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>An exportConfig as the CLI shows it: the schedule (its id is the exportConfig's) with its integration.</summary>
public sealed record ExportConfigView(
    Guid Id, string Name, bool Enabled, string? Interval, string? Frequency, string? Destination, string? Format, Guid IntegrationId,
    string? IntegrationName, string? Cloud, string? AuthMethod, string? ConnectionStatus, string? LastTestStatus,
    string? LastRunStatus, DateTime? LastRunAtUtc, DateTimeOffset? NextRunUtc, string? PauseReason, bool IncludeIdentityColumns)
{
    public static ExportConfigView From(ScheduleItem schedule, IntegrationItem? integration) => new(
        schedule.Id, schedule.Name, !schedule.Paused, ImmutaInterval.FromFrequency(schedule.Frequency), schedule.Frequency, schedule.Destination, schedule.Format,
        schedule.IntegrationId, schedule.IntegrationName ?? integration?.Name, integration?.Cloud, integration?.AuthMethod,
        integration?.ConnectionStatus, integration?.LastTestStatus, schedule.LastRunStatus, schedule.LastRunAtUtc,
        schedule.NextRunUtc, schedule.PauseReason, schedule.IncludeIdentityColumns);
}
