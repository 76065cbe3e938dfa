using AdminPortal.Core.Exports;
using AdminPortal.Core.Exports.Scheduling;

namespace AdminPortal.Core.Tests.Exports;

public sealed class ExportCronTests
{
    private static ScheduledExport Schedule(ExportFrequencyKind kind, int? everyHours = null, string? time = null, int? day = null,
        string zone = "UTC", string? cron = null) => new()
    {
        FrequencyKind = kind,
        EveryHours = everyHours,
        TimeOfDay = time is null ? null : TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
        Day = day,
        TimeZoneId = zone,
        Cron = cron,
    };

    [Theory]
    [InlineData(2, "0 0 0/2 * * ?")]
    [InlineData(6, "0 0 0/6 * * ?")]
    [InlineData(24, "0 0 0 * * ?")]
    public void Every_N_hours_fires_at_the_top_of_the_hour_from_midnight(int hours, string expected) =>
        Assert.Equal(expected, ExportCron.For(Schedule(ExportFrequencyKind.EveryHours, everyHours: hours)));

    [Fact]
    public void Daily_weekly_and_monthly_fire_at_their_time_of_day() => Assert.Equal(
        ["0 30 2 * * ?", "0 15 7 ? * 2", "0 0 23 15 * ?", "0 0 1 L * ?"],
        [
            ExportCron.For(Schedule(ExportFrequencyKind.Daily, time: "02:30")),
            ExportCron.For(Schedule(ExportFrequencyKind.Weekly, time: "07:15", day: 1)),
            ExportCron.For(Schedule(ExportFrequencyKind.Monthly, time: "23:00", day: 15)),
            ExportCron.For(Schedule(ExportFrequencyKind.Monthly, time: "01:00", day: ExportCron.LastDayOfMonth)),
        ]);

    [Fact]
    public void A_daily_run_is_at_the_time_of_day_in_the_schedules_time_zone()
    {
        var paris = Schedule(ExportFrequencyKind.Daily, time: "02:00", zone: "Europe/Paris");

        var next = ExportCron.NextRun(paris, new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 1, 11, 1, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void The_last_day_of_the_month_follows_the_months_length()
    {
        var monthly = Schedule(ExportFrequencyKind.Monthly, time: "00:00", day: ExportCron.LastDayOfMonth);

        var next = ExportCron.NextRun(monthly, new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 0, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("0 0 2 * * ?")]
    [InlineData("0 0/15 * ? * MON-FRI")]
    public void A_cron_Quartz_understands_is_accepted(string cron) => Assert.Null(ExportCron.CronError(cron));

    [Theory]
    [InlineData("", "Give a cron expression")]
    [InlineData("not a cron", "is not a cron expression Quartz understands")]
    [InlineData("0 0 25 * * ?", "is not a cron expression Quartz understands")]
    [InlineData("0 61 2 * * ?", "is not a cron expression Quartz understands")]
    [InlineData("0 0 0 1 1 ? 2001", "never fires again")]
    public void A_bad_cron_is_explained(string cron, string message) => Assert.Contains(message, ExportCron.CronError(cron));
}
