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

    private static readonly DateTimeOffset From = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("* * * * * ?", 1)]
    [InlineData("0 0/5 * * * ?", 300)]
    [InlineData("0 0,30 2 1 1 ?", 1800)]
    public void Firings_closer_than_the_minimum_are_found_however_rare(string cron, int gapSeconds)
    {
        var pair = ExportCron.FiringsCloserThan(Schedule(ExportFrequencyKind.Cron, cron: cron), TimeSpan.FromHours(1), From);

        Assert.NotNull(pair);
        Assert.Equal(TimeSpan.FromSeconds(gapSeconds), pair.Value.Second - pair.Value.First);
    }

    [Theory]
    [InlineData(ExportFrequencyKind.Cron, null, "0 0 * * * ?", "UTC")]
    [InlineData(ExportFrequencyKind.Cron, null, "0 0 * * * ?", "Europe/Paris")]
    [InlineData(ExportFrequencyKind.EveryHours, 2, null, "America/New_York")]
    [InlineData(ExportFrequencyKind.Daily, null, null, "Europe/Paris")]
    public void Hourly_or_rarer_frequencies_pass_an_hour_minimum_across_daylight_saving_changes(ExportFrequencyKind kind, int? hours, string? cron, string zone)
    {
        var schedule = Schedule(kind, everyHours: hours, time: kind == ExportFrequencyKind.Daily ? "02:30" : null, zone: zone, cron: cron);

        Assert.Null(ExportCron.FiringsCloserThan(schedule, TimeSpan.FromHours(1), From));
    }

    [Fact]
    public void Every_two_hours_is_too_often_for_a_three_hour_minimum() =>
        Assert.NotNull(ExportCron.FiringsCloserThan(Schedule(ExportFrequencyKind.EveryHours, everyHours: 2), TimeSpan.FromHours(3), From));

    [Theory]
    [InlineData("ops@corp.example", true)]
    [InlineData("ops@eu.corp.example", true)]
    [InlineData("ops@CORP.example", true)]
    [InlineData("ops@evilcorp.example", false)]
    [InlineData("ops@corp.example.evil", false)]
    public void An_allowed_domain_admits_its_subdomains_and_nothing_that_only_ends_like_it(string address, bool allowed) =>
        Assert.Equal(allowed, ScheduleExportRules.InDomains(address, ["corp.example"]));
}
