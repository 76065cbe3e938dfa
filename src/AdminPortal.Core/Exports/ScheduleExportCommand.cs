using System.Net.Mail;

namespace AdminPortal.Core.Exports;

/// <summary>What the Add Schedule / Edit form sends.</summary>
public sealed record ScheduleExportCommand
{
    /// <summary>Optional; "&lt;workbook&gt; · &lt;element&gt;" when empty.</summary>
    public string? Name { get; init; }

    public int WorkbookId { get; init; }
    public int TableElementId { get; init; }
    public Guid IntegrationId { get; init; }

    /// <summary>The object name relative to the integration's destination, or a full URI inside it.</summary>
    public string UriTemplate { get; init; } = "";

    public ExportFormat Format { get; init; } = ExportFormat.Csv;
    public bool Gzip { get; init; } = true;
    public ExportMode Mode { get; init; } = ExportMode.Incremental;
    public ExportFrequencyKind FrequencyKind { get; init; } = ExportFrequencyKind.Daily;
    public int? EveryHours { get; init; }
    public TimeOnly? TimeOfDay { get; init; }
    public int? Day { get; init; }
    public string TimeZoneId { get; init; } = "UTC";
    public string? Cron { get; init; }
    public string? NotificationEmails { get; init; }
}

/// <summary>The checks of a schedule's own fields (the template is checked against its integration by the service).</summary>
public static class ScheduleExportRules
{
    public static readonly IReadOnlyList<int> IntervalHours = [2, 4, 6, 12, 24];

    public const int MaxNameLength = 120;
    public const int MaxNotificationAddresses = 20;

    public static IEnumerable<(string Field, string Message)> Errors(ScheduleExportCommand c)
    {
        if ((c.Name?.Trim().Length ?? 0) > MaxNameLength)
        {
            yield return (nameof(c.Name), $"A schedule name has at most {MaxNameLength} characters.");
        }

        switch (c.FrequencyKind)
        {
            case ExportFrequencyKind.EveryHours when c.EveryHours is not { } hours || !IntervalHours.Contains(hours):
                yield return (nameof(c.EveryHours), "Choose every 2, 4, 6, 12 or 24 hours.");
                break;
            case ExportFrequencyKind.Daily or ExportFrequencyKind.Weekly or ExportFrequencyKind.Monthly when c.TimeOfDay is null:
                yield return (nameof(c.TimeOfDay), "Choose the time of day the export runs.");
                break;
            case ExportFrequencyKind.Cron when string.IsNullOrWhiteSpace(c.Cron):
                yield return (nameof(c.Cron), "Give a cron expression, for example 0 0 2 * * ? (every day at 02:00).");
                break;
            case ExportFrequencyKind.Cron when c.Cron!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is not (6 or 7):
                yield return (nameof(c.Cron), "A cron expression has 6 or 7 fields: seconds minutes hours day-of-month month day-of-week [year], for example 0 0 2 * * ?.");
                break;
            case ExportFrequencyKind.Cron when Scheduling.ExportCron.CronError(c.Cron) is { } cronError:
                yield return (nameof(c.Cron), cronError);
                break;
        }

        if (c.FrequencyKind == ExportFrequencyKind.Weekly && c.Day is not (>= 0 and <= 6))
        {
            yield return (nameof(c.Day), "Choose the day of the week.");
        }

        // Days 29 and 30 are missing from some months and cron cannot say "or the last day": 1 to 28, or the last day.
        if (c.FrequencyKind == ExportFrequencyKind.Monthly && c.Day is not ((>= 1 and <= 28) or Scheduling.ExportCron.LastDayOfMonth))
        {
            yield return (nameof(c.Day), "Choose a day of the month from 1 to 28, or the last day of the month.");
        }

        if (string.IsNullOrWhiteSpace(c.TimeZoneId) || !TimeZoneInfo.TryFindSystemTimeZoneById(c.TimeZoneId.Trim(), out _))
        {
            yield return (nameof(c.TimeZoneId), $"Unknown time zone \"{c.TimeZoneId}\": use a name such as UTC, Europe/Paris or America/New_York.");
        }

        var addresses = Addresses(c.NotificationEmails);
        if (addresses.Count > MaxNotificationAddresses)
        {
            yield return (nameof(c.NotificationEmails), $"At most {MaxNotificationAddresses} notification addresses.");
        }

        foreach (var address in addresses)
        {
            if (!MailAddress.TryCreate(address, out var parsed) || parsed.Address != address || !address.Contains('.', StringComparison.Ordinal))
            {
                yield return (nameof(c.NotificationEmails), $"\"{address}\" is not an e-mail address.");
            }
        }
    }

    public static IReadOnlyList<string> Addresses(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How a list shows the frequency: "Every 6 hours", "Daily at 02:00 (Europe/Paris)", "Cron 0 0 2 * * ? (UTC)".</summary>
    public static string Describe(ScheduledExport s) => s.FrequencyKind switch
    {
        ExportFrequencyKind.EveryHours => $"Every {s.EveryHours} hours",
        ExportFrequencyKind.Daily => $"Daily at {s.TimeOfDay:HH\\:mm} ({s.TimeZoneId})",
        ExportFrequencyKind.Weekly => $"Weekly on {(DayOfWeek)(s.Day ?? 0)} at {s.TimeOfDay:HH\\:mm} ({s.TimeZoneId})",
        ExportFrequencyKind.Monthly => $"Monthly on {(s.Day >= Scheduling.ExportCron.LastDayOfMonth ? "the last day" : $"day {s.Day}")} at {s.TimeOfDay:HH\\:mm} ({s.TimeZoneId})",
        _ => $"Cron {s.Cron} ({s.TimeZoneId})",
    };
}
