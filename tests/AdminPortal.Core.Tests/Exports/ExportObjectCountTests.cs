using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Exports;

namespace AdminPortal.Core.Tests.Exports;

/// <summary>The form's count of a run's objects from events counted per hour, and the first run's range.</summary>
public sealed class ExportObjectCountTests
{
    private const long HourMs = 3_600_000;
    private static readonly ExportOptions Options = new() { PartMaxRows = 100 };
    private static readonly DateTime March1 = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static long Hour(DateTime utc) => new DateTimeOffset(utc).ToUnixTimeMilliseconds() / HourMs;

    private static ExportUriTemplate Template(string text) => ExportUriTemplate.FromStored(text);

    /// <summary>Events in every hour of 30 days and one more hour: the walk's 721 objects.</summary>
    private static ExportEventBuckets ThirtyDaysOfHours() =>
        new([.. Enumerable.Range(0, 721).Select(h => (Hour(March1) + h, 12L))], Capped: false);

    [Fact]
    public void An_hourly_template_writes_one_object_per_hour_that_holds_events_and_a_daily_one_per_day()
    {
        var buckets = ThirtyDaysOfHours();

        var hourly = ExportObjectCount.Of(buckets, HourMs, Template("a/{yyyy}/{MM}/{dd}/{HH}/x-{run}-{part}.csv"), Options);
        var daily = ExportObjectCount.Of(buckets, HourMs, Template("a/{yyyy}/{MM}/{dd}/x-{run}-{part}.csv"), Options);
        var single = ExportObjectCount.Of(buckets, HourMs, Template("a/x-{run}-{part}.csv"), Options);

        Assert.Equal((721, 721 * 12L, false), (hourly.Objects, hourly.Rows, hourly.About));
        // 30 days of 288 rows (3 parts of at most 100 each) and one day of 12.
        Assert.Equal(91, daily.Objects);
        // One partition of 8,652 rows, in parts of at most 100 rows.
        Assert.Equal(87, single.Objects);
        Assert.Equal((March1, March1.AddHours(721)), (hourly.FirstEventUtc, hourly.LastEventUtc));
    }

    [Fact]
    public void The_count_is_about_when_the_buckets_were_capped_or_a_partition_may_be_cut_by_size()
    {
        var capped = ExportObjectCount.Of(ThirtyDaysOfHours() with { Capped = true }, HourMs, Template("{yyyy}/{MM}/{dd}/{HH}/{run}-{part}"), Options);
        var large = ExportObjectCount.Of(new([(Hour(March1), 5_000L)], false), HourMs, Template("{run}-{part}"),
            new ExportOptions { PartMaxRows = 1_000_000, PartMaxBytes = 16 * 1000 });

        Assert.True(capped.About && capped.Capped);
        Assert.True(large.About);
        Assert.False(large.Capped);
    }

    [Fact]
    public void Events_before_1970_and_in_the_last_hour_of_9999_are_counted_in_their_own_partitions()
    {
        var buckets = new ExportEventBuckets([(-1, 1L), (DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() / HourMs, 1L)], false);

        var count = ExportObjectCount.Of(buckets, HourMs, Template("{yyyy}/{MM}/{dd}/{HH}/{run}-{part}"), Options);

        Assert.Equal(2, count.Objects);
        Assert.Equal(new DateTime(1969, 12, 31, 23, 0, 0, DateTimeKind.Utc), count.FirstEventUtc);
        Assert.Equal(DateTime.MaxValue.Year, count.LastEventUtc!.Value.Year);
    }

    [Theory]
    [InlineData("audit_logs/{yyyy}/{MM}/{dd}/{HH}/audit_logs-{run}-{part}.csv.gz", "audit_logs/{yyyy}/{MM}/{dd}/audit_logs-{run}-{part}.csv.gz")]
    [InlineData("a/{yyyy}-{MM}-{dd}-{HH}/{run}-{part}.json", "a/{yyyy}-{MM}-{dd}/{run}-{part}.json")]
    [InlineData("a/{yyyy}{MM}{dd}{HH}-{run}-{part}.json", "a/{yyyy}{MM}{dd}-{run}-{part}.json")]
    [InlineData("a/{yyyy}/{MM}/{dd}/{run}-{part}.json", null)]
    public void The_daily_form_of_an_hourly_template_drops_the_hour_and_its_separator(string hourly, string? daily) =>
        Assert.Equal(daily, Template(hourly).Daily());

    [Fact]
    public void Only_an_incremental_exports_first_run_or_a_snapshot_takes_the_workbooks_range()
    {
        var state = new ExplorerState { Range = "7d" };
        var now = March1.AddDays(10);

        Assert.Equal((now.AddDays(-7), (DateTime?)null), ExportRunWindow.EventTimeRange(ExportMode.Incremental, ExportFirstRun.WorkbookRange, null, state, now));
        Assert.Equal((null, null), ExportRunWindow.EventTimeRange(ExportMode.Incremental, ExportFirstRun.AllRetainedEvents, null, state, now));
        Assert.Equal((null, null), ExportRunWindow.EventTimeRange(ExportMode.Incremental, ExportFirstRun.WorkbookRange, 42, state, now));
        Assert.Equal((now.AddDays(-7), (DateTime?)null), ExportRunWindow.EventTimeRange(ExportMode.FullSnapshot, ExportFirstRun.AllRetainedEvents, 42, state, now));
    }

    [Theory]
    [InlineData("7d", null, null, "last 7 days")]
    [InlineData("1h", null, null, "last hour")]
    [InlineData("custom", "2026-03-01T00:00:00Z", null, "since 2026-03-01 00:00 UTC")]
    [InlineData("custom", "2026-03-01T00:00:00Z", "2026-03-08T12:30:00Z", "2026-03-01 00:00 UTC to 2026-03-08 12:30 UTC")]
    [InlineData("custom", null, null, "all time")]
    public void A_workbooks_range_is_said_in_words(string range, string? from, string? to, string words) =>
        Assert.Equal(words, new ExplorerState
        {
            Range = range,
            FromUtc = from is null ? null : DateTime.Parse(from, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
            ToUtc = to is null ? null : DateTime.Parse(to, null, System.Globalization.DateTimeStyles.AdjustToUniversal),
        }.DescribeRange());
}
