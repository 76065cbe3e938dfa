using System.Globalization;
using Quartz;

namespace AdminPortal.Core.Exports.Scheduling;

/// <summary>
/// A schedule's frequency as one Quartz cron expression in its time zone: every N hours (at the top of the hour,
/// from midnight), daily, weekly or monthly at a time, or the user's own cron. One trigger kind for all frequencies,
/// so misfire handling is the same for each.
/// </summary>
public static class ExportCron
{
    /// <summary>The monthly day that means "the last day of the month" (Quartz's L).</summary>
    public const int LastDayOfMonth = 31;

    public static string For(ScheduledExport s) => s.FrequencyKind switch
    {
        ExportFrequencyKind.EveryHours when s.EveryHours is 24 => "0 0 0 * * ?",
        ExportFrequencyKind.EveryHours => $"0 0 0/{s.EveryHours ?? 24} * * ?",
        ExportFrequencyKind.Daily => $"0 {Minute(s)} {Hour(s)} * * ?",
        // Quartz numbers the days of the week 1 (SUN) to 7 (SAT); the schedule stores 0 (Sunday) to 6.
        ExportFrequencyKind.Weekly => $"0 {Minute(s)} {Hour(s)} ? * {(s.Day ?? 0) + 1}",
        ExportFrequencyKind.Monthly => $"0 {Minute(s)} {Hour(s)} {(s.Day is >= LastDayOfMonth ? "L" : (s.Day ?? 1).ToString(CultureInfo.InvariantCulture))} * ?",
        _ => (s.Cron ?? "").Trim(),
    };

    public static TimeZoneInfo ZoneOf(ScheduledExport s) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Why a cron expression cannot be used, or null; Quartz's own parser decides.</summary>
    public static string? CronError(string? cron)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            return "Give a cron expression, for example 0 0 2 * * ? (every day at 02:00).";
        }

        try
        {
            var expression = CronExpression.Parse(cron.Trim());
            return expression.GetNextValidTimeAfter(DateTimeOffset.UtcNow) is null
                ? $"The cron expression \"{cron.Trim()}\" never fires again."
                : null;
        }
        catch (FormatException e)
        {
            return $"\"{cron.Trim()}\" is not a cron expression Quartz understands ({e.Message.TrimEnd('.')}). Its six or seven fields are: seconds minutes hours day-of-month month day-of-week [year], for example 0 0 2 * * ?.";
        }
    }

    /// <summary>When the schedule runs next after <paramref name="after"/>, as the scheduler will compute it.</summary>
    public static DateTimeOffset? NextRun(ScheduledExport s, DateTimeOffset after)
    {
        var cron = For(s);
        return CronError(cron) is null ? CronExpression.Parse(cron).WithTimeZone(ZoneOf(s)).GetNextValidTimeAfter(after) : null;
    }

    /// <summary>
    /// The first two consecutive firings closer than <paramref name="minimum"/>, or null. Computed by stepping through
    /// the firings Quartz will make, over a year and a day (a cron can fire twice in one minute once a year) or
    /// <see cref="MaxFiringsChecked"/> firings, whichever ends first.
    /// </summary>
    public static (DateTimeOffset First, DateTimeOffset Second)? FiringsCloserThan(ScheduledExport s, TimeSpan minimum, DateTimeOffset from)
    {
        var cron = For(s);
        if (CronError(cron) is not null)
        {
            return null;
        }

        var expression = CronExpression.Parse(cron).WithTimeZone(ZoneOf(s));
        var horizon = from + TimeSpan.FromDays(366);
        var previous = expression.GetNextValidTimeAfter(from);
        for (var n = 0; previous is { } first && first <= horizon && n < MaxFiringsChecked; n++)
        {
            var next = expression.GetNextValidTimeAfter(first);
            if (next is { } second && second - first < minimum)
            {
                return (first, second);
            }

            previous = next;
        }

        return null;
    }

    /// <summary>A year of firings at least an hour apart is 8,784; past this many the horizon is shorter than a year.</summary>
    public const int MaxFiringsChecked = 10_000;

    private static int Hour(ScheduledExport s) => s.TimeOfDay?.Hour ?? 0;

    private static int Minute(ScheduledExport s) => s.TimeOfDay?.Minute ?? 0;
}
