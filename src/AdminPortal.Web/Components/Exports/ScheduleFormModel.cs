using AdminPortal.Core.Exports;
using AdminPortal.Core.Exports.Scheduling;

namespace AdminPortal.Web.Components.Exports;

/// <summary>The Add/Edit Schedule form as typed; <see cref="ToCommand"/> gives the use case its command.</summary>
public sealed class ScheduleFormModel
{
    public string? Name { get; set; }
    public Guid? IntegrationId { get; set; }
    public string UriTemplate { get; set; } = ExportUriTemplate.Suggested(ExportFormat.Csv, gzip: true);
    public int TableElementId { get; set; }
    public ExportFormat Format { get; set; } = ExportFormat.Csv;
    public bool Gzip { get; set; } = true;
    public ExportMode Mode { get; set; } = ExportMode.Incremental;
    public ExportFirstRun FirstRun { get; set; } = ExportFirstRun.WorkbookRange;
    public bool IncludeIdentityColumns { get; set; }
    public ExportFrequencyKind FrequencyKind { get; set; } = ExportFrequencyKind.EveryHours;
    public int EveryHours { get; set; } = 24;
    public string TimeOfDay { get; set; } = "02:00";
    public int Day { get; set; } = 1;
    public string TimeZoneId { get; set; } = "UTC";
    public string? Cron { get; set; }
    public string? NotificationEmails { get; set; }

    public static ScheduleFormModel From(ScheduledExport s) => new()
    {
        Name = s.Name,
        IntegrationId = s.IntegrationId,
        UriTemplate = s.UriTemplate,
        TableElementId = s.TableElementId,
        Format = s.Format,
        Gzip = s.Gzip,
        Mode = s.Mode,
        FirstRun = s.FirstRun,
        IncludeIdentityColumns = s.IncludeIdentityColumns,
        FrequencyKind = s.FrequencyKind,
        EveryHours = s.EveryHours ?? 24,
        TimeOfDay = (s.TimeOfDay ?? new TimeOnly(2, 0)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        Day = s.Day ?? 1,
        TimeZoneId = s.TimeZoneId,
        Cron = s.Cron,
        NotificationEmails = s.NotificationEmails,
    };

    /// <summary>Keeps the template's extension in step when the user changes the format or gzip.</summary>
    public void FollowExtension(ExportFormat oldFormat, bool oldGzip)
    {
        var old = ExportUriTemplate.Extension(oldFormat, oldGzip);
        if (UriTemplate.EndsWith(old, StringComparison.Ordinal))
        {
            UriTemplate = UriTemplate[..^old.Length] + ExportUriTemplate.Extension(Format, Gzip);
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> runs after <paramref name="now"/> as the scheduler will fire them (the same cron
    /// and time zone), or none while the frequency is not valid yet (saving says why).
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextRuns(DateTimeOffset now, int count)
    {
        var schedule = new ScheduledExport
        {
            FrequencyKind = FrequencyKind,
            EveryHours = EveryHours,
            TimeOfDay = TimeOnly.TryParse(TimeOfDay, System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : null,
            Day = Day,
            TimeZoneId = TimeZoneId ?? "UTC",
            Cron = Cron,
        };
        if (FrequencyKind != ExportFrequencyKind.EveryHours && (schedule.TimeOfDay is null && FrequencyKind != ExportFrequencyKind.Cron
                || !TimeZoneInfo.TryFindSystemTimeZoneById(schedule.TimeZoneId, out _)))
        {
            return [];
        }

        var runs = new List<DateTimeOffset>(count);
        var after = now;
        while (runs.Count < count && ExportCron.NextRun(schedule, after) is { } next)
        {
            runs.Add(next);
            after = next;
        }

        return runs;
    }

    /// <summary>What the form has chosen, for the estimate of the next run's objects.</summary>
    public NextRunEstimateQuery ToEstimateQuery(int workbookId, Guid? scheduleId) => new()
    {
        WorkbookId = workbookId,
        TableElementId = TableElementId,
        IntegrationId = IntegrationId,
        UriTemplate = UriTemplate,
        Mode = Mode,
        FirstRun = FirstRun,
        ScheduleId = scheduleId,
    };

    public ScheduleExportCommand ToCommand(int workbookId) => new()
    {
        Name = Name,
        WorkbookId = workbookId,
        TableElementId = TableElementId,
        IntegrationId = IntegrationId ?? Guid.Empty,
        UriTemplate = UriTemplate,
        Format = Format,
        Gzip = Gzip,
        Mode = Mode,
        FirstRun = FirstRun,
        IncludeIdentityColumns = IncludeIdentityColumns,
        FrequencyKind = FrequencyKind,
        EveryHours = EveryHours,
        TimeOfDay = TimeOnly.TryParse(TimeOfDay, System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : null,
        Day = Day,
        TimeZoneId = TimeZoneId,
        Cron = Cron,
        NotificationEmails = NotificationEmails,
    };

    public static IReadOnlyList<(int Value, string Label)> MonthDays { get; } =
        [.. Enumerable.Range(1, 28).Select(d => (d, d.ToString(System.Globalization.CultureInfo.InvariantCulture))), (ExportCron.LastDayOfMonth, "Last day")];
}
