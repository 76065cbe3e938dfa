using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>
/// The unfiltered chart adds up AuditEventHours (kept by the writer and the delete trigger); a filter that every event passes takes the
/// per-bucket index count instead. The two must agree at every bucket, through new events, duplicates and retention.
/// </summary>
public sealed class HistogramTests : IDisposable
{
    private static readonly AuditQuery Everything = new() { Filters = [new("EventId", FilterOperator.IsNotEmpty, null)] };

    private readonly PortalFactory portal = new();
    private readonly DateTime now = DateTime.UtcNow;

    private AuditEventReader Reader => portal.Services.GetRequiredService<AuditEventReader>();

    private static readonly int[] WindowMinutes = [8 * 24 * 60 - 7, 30 * 24 * 60 + 11, 45 * 24 * 60];

    /// <summary>
    /// Every 37 minutes over 12 days, 13 minutes off the hour; every 4 minutes in the hours around each window's start
    /// (so a part-hour at an edge is counted wrong if it is taken whole); a few at 40 days (for retention).
    /// </summary>
    private List<AuditEvent> Events() =>
        Enumerable.Range(0, 470).Select(i => AuditStoreTests.Event($"h-{i:D3}", now.AddMinutes(-13 - 37 * i)))
            .Concat(WindowMinutes.SelectMany(edge => Enumerable.Range(-20, 41)
                .Select(j => AuditStoreTests.Event($"h-edge-{edge}-{j + 20:D2}", now.AddMinutes(-edge + 4 * j + 1)))))
            .Concat(Enumerable.Range(0, 25).Select(i => AuditStoreTests.Event($"h-old-{i:D2}", now.AddDays(-40).AddMinutes(7 * i))))
            .ToList();

    [Theory]
    [InlineData(8 * 24 * 60 - 7, 3)]
    [InlineData(30 * 24 * 60 + 11, 0)]
    [InlineData(45 * 24 * 60, 0)]
    public async Task Unfiltered_counts_from_the_hours_agree_with_the_index_at_every_bucket(int minutes, int minutesAhead)
    {
        var writer = portal.Services.GetRequiredService<AuditEventWriter>();
        await writer.StoreAsync(Events());
        await writer.StoreAsync(Events()); // duplicates are ignored: no trigger fires for them
        var (from, to) = (now.AddMinutes(-minutes), now.AddMinutes(minutesAhead));

        var fromHours = await Reader.HistogramAsync(new AuditQuery(), from, to);
        var fromIndex = await Reader.HistogramAsync(Everything, from, to);
        var ours = await Reader.HistogramAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.StartsWith, "h-")] }, from, to);

        Assert.Equal(fromIndex, fromHours);
        Assert.Equal(Events().Count(e => e.EventTimeUtc >= from && e.EventTimeUtc < to), ours.Sum(b => b.Count));
        Assert.True(fromHours.Sum(b => b.Count) >= ours.Sum(b => b.Count));
        await using var command = new SqliteCommand();
        AuditEventReader.PrepareHistogram(command, new AuditQuery(), from, to);
        Assert.Contains("\"AuditEventHours\"", command.CommandText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_new_events_among_stored_ones_and_repeats_counts_each_new_event_once()
    {
        var events = Events();
        var writer = portal.Services.GetRequiredService<AuditEventWriter>();
        await writer.StoreAsync(events.Where((_, i) => i % 3 == 0).ToList());
        // Every event, one of them twice in a row and one twice far apart: whole 32-row statements and single rows.
        var resent = events.Take(40).Append(events[40]).Concat(events.Skip(40)).Append(events[7]).ToList();

        var result = await writer.StoreAsync(resent);

        var (from, to) = (now.AddDays(-45), now.AddMinutes(1));
        Assert.Equal(events.Count - events.Count / 3 - (events.Count % 3 == 0 ? 0 : 1), result.Stored);
        Assert.Equal(await Reader.HistogramAsync(Everything, from, to), await Reader.HistogramAsync(new AuditQuery(), from, to));
    }

    [Fact]
    public async Task Retention_takes_the_deleted_events_out_of_the_hours()
    {
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(Events());
        var (from, to) = (now.AddDays(-45), now);
        var before = await Reader.HistogramAsync(new AuditQuery(), from, to);

        var run = await portal.Services.GetRequiredService<AuditRetention>().RunOnceAsync();
        var after = await Reader.HistogramAsync(new AuditQuery(), from, to);

        var old = Events().Where(e => e.EventTimeUtc < now.AddDays(-30)).ToList();
        Assert.Equal(old.Count, run.Deleted);
        Assert.Equal(before.Sum(b => b.Count) - old.Count(e => e.EventTimeUtc >= from), after.Sum(b => b.Count));
        Assert.Equal(await Reader.HistogramAsync(Everything, from, to), after);
        Assert.All(after.Where(b => b.StartUtc.AddDays(1) <= now.AddDays(-30)), b => Assert.Equal(0, b.Count)); // whole days before the cutoff
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_range_from_year_1_to_9999_is_cut_to_the_stored_events_and_drawn_in_few_buckets(bool filtered)
    {
        var events = Events();
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);
        var query = filtered ? Everything : new AuditQuery();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var buckets = await Reader.HistogramAsync(query, new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc));

        Assert.InRange(buckets.Count, 1, AuditEventReader.MaxBuckets);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal((await Reader.PageAsync(new AuditQuery())).Total, buckets.Sum(b => b.Count)); // ours and the portal's own
        Assert.True(buckets[0].StartUtc <= events.Min(e => e.EventTimeUtc));
        Assert.True(buckets[0].StartUtc > events.Min(e => e.EventTimeUtc).AddDays(-1), "the chart starts at the first stored event, not in year 1");
        // The portal's own events (written as it starts) are the latest stored: the chart ends at them, not in year 9999.
        // (Not at the latest of ours: 13 minutes after midnight the day of the portal's own begins after it.)
        Assert.True(buckets[^1].StartUtc <= DateTime.UtcNow, "the chart ends at the last stored event, not in year 9999");
    }

    [Fact]
    public async Task Events_decades_apart_are_drawn_in_at_most_the_maximum_number_of_buckets()
    {
        var events = Events().Take(5).Append(AuditStoreTests.Event("h-2001", new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc))).ToList();
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(events);

        var buckets = await Reader.HistogramAsync(new AuditQuery(), DateTime.UnixEpoch, now.AddYears(1));

        Assert.InRange(buckets.Count, 2, AuditEventReader.MaxBuckets);
        Assert.Equal((await Reader.PageAsync(new AuditQuery())).Total, buckets.Sum(b => b.Count));
        Assert.Equal(1, buckets[0].Count);
    }

    public void Dispose() => portal.Dispose();
}
