using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Infrastructure.Databases;

namespace AdminPortal.Tests.AuditLogs.Store;

/// <summary>
/// The audit-event read side without the HTTP host, through the services the portal registers for the provider
/// (<see cref="IAuditEventQueries"/>, <see cref="IAuditEventPurge"/>, <see cref="IExportEventSource"/>): the same
/// questions give the same answers on each provider (<see cref="SqliteAuditReadStoreTests"/>,
/// <see cref="PostgreSqlAuditReadStoreTests"/>).
/// </summary>
public abstract class AuditReadStoreTests(DatabaseProvider provider) : StoreOnProvider(provider)
{
    protected static readonly DateTime Ten = new(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc);

    protected AuditEventWriter Writer => Get<AuditEventWriter>();

    protected IAuditEventQueries Reader => Get<IAuditEventQueries>();

    protected IAuditEventPurge Purge => Get<IAuditEventPurge>();

    protected IExportEventSource Source => Get<IExportEventSource>();

    private static AuditEvent Event(string id, DateTime time, string login, string action = "select",
        AuditEventStatus? status = AuditEventStatus.Success, string? payload = null, int count = 1)
    {
        var e = AuditStoreTests.Event(id, time, login, action, status, payload);
        e.Count = count;
        return e;
    }

    /// <summary>Six events with the values every filter and search below tells apart.</summary>
    private async Task SeedAsync() => Assert.Equal(6, (await Writer.StoreAsync([
        Event("f-1", Ten, "alice@example.com", payload: "100% done_now", count: 5),
        Event("f-2", Ten.AddMinutes(1), "bob@example.com", "delete", AuditEventStatus.Fail, "50_percent"),
        Event("f-3", Ten.AddMinutes(2), "Alice.Smith", status: null),
        Event("f-4", Ten.AddMinutes(3), "carol@corp.example", payload: "plain text", count: 3),
        Event("f-5", Ten.AddMinutes(4), "dave", "delete", payload: "it's a \"quote\" & (more) | !not :*star \\ back"),
        Event("f-6", Ten.AddMinutes(5), "erin", payload: "école ÜBER"),
    ])).Stored);

    /// <summary>
    /// Runs the provider's search indexer over every event stored so far: free text finds the same events before it
    /// (events read without the index) and after it.
    /// </summary>
    protected async Task IndexSearchAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await Get<AuditSearchIndexer>().CatchUpAsync();
        }
        else
        {
            await Get<PostgreSqlAuditSearchIndexer>().CatchUpAsync();
        }
    }

    /// <summary>The events' ids in the explorer's order, asked before the search indexer ran and again after it.</summary>
    private async Task<List<string>> SearchedBeforeAndAfterIndexingAsync(AuditQuery query)
    {
        var before = await IdsAsync(query);
        await IndexSearchAsync();
        Assert.Equal(before, await IdsAsync(query));
        return before;
    }

    private async Task<List<string>> IdsAsync(AuditQuery query) =>
        (await Reader.PageAsync(query with { Take = 1000 })).Rows.Select(r => r.EventId).ToList();

    public static TheoryData<string, FilterOperator, string?, string[]> Filters => new()
    {
        { "Login", FilterOperator.StartsWith, "ALICE", ["f-3", "f-1"] },
        { "Login", FilterOperator.Contains, "@EXAMPLE", ["f-2", "f-1"] },
        { "Payload", FilterOperator.Contains, "%", ["f-1"] },
        { "Payload", FilterOperator.Contains, "_", ["f-2", "f-1"] },
        { "Payload", FilterOperator.Contains, "\\", ["f-5"] },
        { "Payload", FilterOperator.IsEmpty, null, ["f-3"] },
        { "Payload", FilterOperator.IsNotEmpty, null, ["f-6", "f-5", "f-4", "f-2", "f-1"] },
        { "Status", FilterOperator.IsEmpty, null, ["f-3"] },
        { "Status", FilterOperator.Equals, "Fail", ["f-2"] },
        { "Status", FilterOperator.NotEquals, "Fail", ["f-6", "f-5", "f-4", "f-3", "f-1"] },
        { "Action", FilterOperator.Equals, "delete", ["f-5", "f-2"] },
        { "Count", FilterOperator.GreaterOrEqual, "3", ["f-4", "f-1"] },
        { "Count", FilterOperator.LessOrEqual, "1", ["f-6", "f-5", "f-3", "f-2"] },
        { "Count", FilterOperator.StartsWith, "5", ["f-1"] },
        { "Count", FilterOperator.IsEmpty, null, [] },
        { "Count", FilterOperator.IsNotEmpty, null, ["f-6", "f-5", "f-4", "f-3", "f-2", "f-1"] },
        { "EventTimeUtc", FilterOperator.GreaterOrEqual, "2026-11-20T10:04:00Z", ["f-6", "f-5"] },
        { "EventTimeUtc", FilterOperator.LessOrEqual, "2026-11-20 10:01", ["f-2", "f-1"] },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Every_filter_operator_selects_the_same_events(string column, FilterOperator op, string? value, string[] expected)
    {
        await SeedAsync();

        Assert.Equal(expected, await IdsAsync(new AuditQuery { Filters = [new(column, op, value)] }));
    }

    [Fact]
    public async Task An_In_filter_takes_any_of_its_values()
    {
        await SeedAsync();

        Assert.Equal(["f-5", "f-1"], await IdsAsync(new AuditQuery { Filters = [new("Login", FilterOperator.In, null, ["dave", "alice@example.com", "nobody"])] }));
    }

    [Fact]
    public async Task The_time_range_includes_its_start_and_excludes_its_end()
    {
        await SeedAsync();

        Assert.Equal(["f-4", "f-3", "f-2"], await IdsAsync(new AuditQuery { FromUtc = Ten.AddMinutes(1), ToUtc = Ten.AddMinutes(4) }));
    }

    [Fact]
    public async Task Pages_in_every_sort_follow_each_other_without_gaps_or_repeats()
    {
        await SeedAsync();
        foreach (var (sort, descending) in new[] { ("EventTimeUtc", true), ("Login", false), ("Count", true), ("Status", false) })
        {
            var all = await IdsAsync(new AuditQuery { SortColumn = sort, SortDescending = descending });
            var paged = new List<string>();
            for (var skip = 0; skip < 6; skip += 4)
            {
                var page = await Reader.PageAsync(new AuditQuery { SortColumn = sort, SortDescending = descending, Skip = skip, Take = 4 });
                Assert.Equal(6, page.Total);
                paged.AddRange(page.Rows.Select(r => r.EventId));
            }

            Assert.Equal(all, paged);
            Assert.Equal(6, all.Distinct().Count());
        }

        Assert.Equal(["f-1", "f-4", "f-6", "f-5", "f-3", "f-2"], await IdsAsync(new AuditQuery { SortColumn = "Count", SortDescending = true }));
    }

    [Fact]
    public async Task Pages_read_after_the_last_row_shown_follow_each_other_in_every_sort()
    {
        await SeedAsync();
        // Status has a NULL (f-3), which the two databases sort at opposite ends; Count has ties.
        foreach (var (sort, descending) in new[] { ("EventTimeUtc", true), ("EventTimeUtc", false), ("Login", false), ("Count", true),
            ("Count", false), ("Status", false), ("Status", true) })
        {
            var query = new AuditQuery { SortColumn = sort, SortDescending = descending, Take = 2, Filters = [new("Action", FilterOperator.In, null, ["select", "delete"])] };
            var all = await IdsAsync(query);
            var paged = new List<string>();
            var page = await Reader.PageAsync(query);
            // Bounded: a key that did not move the page on would otherwise read the same page for ever.
            for (var pages = 0; page.Rows.Count > 0 && pages < 6; pages++)
            {
                Assert.Equal(6, page.Total);
                paged.AddRange(page.Rows.Select(r => r.EventId));
                page = await Reader.PageAsync(query with { After = AuditPageKey.Of(page.Rows[^1], sort) });
            }

            Assert.Equal(all, paged);
        }
    }

    [Theory]
    [InlineData("alice", new[] { "f-3", "f-1" })]
    [InlineData("ALI smi", new[] { "f-3" })]
    [InlineData("example", new[] { "f-4", "f-2", "f-1" })]
    [InlineData("alice@exa", new[] { "f-1" })]
    [InlineData("don", new[] { "f-1" })]
    [InlineData("done_n", new[] { "f-1" })]
    [InlineData("alice delete", new string[0])]
    [InlineData("bob delete", new[] { "f-2" })]
    [InlineData("über", new[] { "f-6" })]
    [InlineData("ÉCOLE", new[] { "f-6" })]
    public async Task Free_text_matches_every_word_as_a_prefix(string search, string[] expected)
    {
        await SeedAsync();

        Assert.Equal(expected, await SearchedBeforeAndAfterIndexingAsync(new AuditQuery { Search = search }));
    }

    [Theory]
    [InlineData("resume", new[] { "a-2", "a-1" })]
    [InlineData("RÉSUMÉ", new[] { "a-2", "a-1" })]
    [InlineData("resu envoy", new[] { "a-1" })]
    [InlineData("zoe", new[] { "a-1" })]
    [InlineData("donʼt", new[] { "a-3" })]
    public async Task Free_text_finds_words_whatever_their_accents(string search, string[] expected)
    {
        await Writer.StoreAsync([
            Event("a-1", Ten, "zoé", payload: "Résumé envoyé"),
            Event("a-2", Ten.AddMinutes(1), "resume.bot"),
            Event("a-3", Ten.AddMinutes(2), "dora", payload: "donʼt"),
        ]);

        Assert.Equal(expected, await SearchedBeforeAndAfterIndexingAsync(new AuditQuery { Search = search }));
    }

    [Theory]
    [InlineData("'quote'")]
    [InlineData("quote\" & (more")]
    [InlineData("!not :*star")]
    [InlineData("back\\")]
    public async Task Search_syntax_in_the_free_text_is_taken_as_words(string search)
    {
        await SeedAsync();

        Assert.Equal(["f-5"], await SearchedBeforeAndAfterIndexingAsync(new AuditQuery { Search = search }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("'\"&|!():*\\")]
    public async Task A_search_without_words_is_no_condition(string search)
    {
        await SeedAsync();

        Assert.Equal(6, (await Reader.PageAsync(new AuditQuery { Search = search })).Total);
    }

    [Theory]
    [InlineData("---")]
    [InlineData(". @ _")]
    public async Task A_search_of_word_characters_without_letters_or_digits_finds_nothing_and_does_not_fail(string search)
    {
        await SeedAsync();

        Assert.Equal(0, (await Reader.PageAsync(new AuditQuery { Search = search })).Total);
    }

    private static readonly DateTime[] Spread = [Ten.AddMinutes(-30), Ten.AddMinutes(10), Ten.AddMinutes(70), Ten.AddHours(5), Ten.AddHours(50)];

    private static Dictionary<DateTime, long> Expected(IEnumerable<DateTime> times, TimeSpan bucket) => times
        .GroupBy(t => new DateTime(t.Ticks / bucket.Ticks * bucket.Ticks, DateTimeKind.Utc))
        .ToDictionary(g => g.Key, g => (long)g.Count());

    [Fact]
    public async Task The_histogram_counts_each_event_in_its_bucket_with_part_hours_at_both_ends()
    {
        await Writer.StoreAsync(Spread.Select((t, i) => Event($"h-{i}", t, "alice", i % 2 == 0 ? "delete" : "select", payload: i == 3 ? "needle" : null)).ToList());

        var all = await Reader.HistogramAsync(new AuditQuery(), Ten.AddHours(-1), Ten.AddHours(51));
        var deletes = await Reader.HistogramAsync(new AuditQuery { Filters = [new("Action", FilterOperator.Equals, "delete")] }, Ten.AddHours(-1), Ten.AddHours(51));
        var searched = await Reader.HistogramAsync(new AuditQuery { Search = "need" }, Ten.AddHours(-1), Ten.AddHours(51));

        // Cut to the stored span, 50.5 hours: 3-hour buckets, the first and last hours only part of the window.
        Assert.Equal(Expected(Spread, TimeSpan.FromHours(3)), all.Where(b => b.Count > 0).ToDictionary(b => b.StartUtc, b => b.Count));
        Assert.Equal(Expected(Spread.Where((_, i) => i % 2 == 0), TimeSpan.FromHours(3)), deletes.Where(b => b.Count > 0).ToDictionary(b => b.StartUtc, b => b.Count));
        Assert.Equal(Expected([Spread[3]], TimeSpan.FromHours(3)), searched.Where(b => b.Count > 0).ToDictionary(b => b.StartUtc, b => b.Count));
        Assert.Equal(all.Select(b => b.StartUtc), deletes.Select(b => b.StartUtc));
    }

    [Fact]
    public async Task Retention_removes_every_event_before_the_cutoff_from_the_pages_the_chart_and_the_dedupe()
    {
        DateTime[] times = [new(2026, 9, 3, 0, 0, 0, DateTimeKind.Utc), new(2026, 10, 31, 23, 0, 0, DateTimeKind.Utc), Ten.AddDays(-10), Ten.AddHours(-1), Ten, Ten.AddDays(15)];
        await Writer.StoreAsync(times.Select((t, i) => Event($"r-{i}", t, "alice")).ToList());

        var deleted = await Purge.DeleteOlderThanAsync(Ten, CancellationToken.None);

        Assert.Equal(4, deleted);
        Assert.Equal(["r-5", "r-4"], await IdsAsync(new AuditQuery()));
        var chart = await Reader.HistogramAsync(new AuditQuery(), times[0], times[^1].AddDays(1));
        Assert.Equal(2, chart.Sum(b => b.Count));
        // The removed ids are free again; the kept ones are still duplicates.
        var again = await Writer.StoreAsync([Event("r-0", Ten.AddDays(1), "alice"), Event("r-3", Ten.AddDays(1), "alice"), Event("r-4", Ten, "alice")]);
        Assert.Equal(2, again.Stored);
        Assert.Equal(["r-4"], again.Duplicates);
        Assert.Equal(0, await Purge.DeleteOlderThanAsync(Ten, CancellationToken.None));
    }

    private static readonly IReadOnlyList<AuditColumn> Columns = ExportSerializer.ColumnsFor([nameof(AuditEvent.Login), nameof(AuditEvent.Count), nameof(AuditEvent.Payload)]);

    protected async Task<List<string>> ExportAsync(ExportWindow window, int batchSize = 2)
    {
        var ids = new List<string>();
        if (await Source.StartAsync(window, CancellationToken.None) is not { } start)
        {
            return ids;
        }

        using var reader = await Source.ReadAsync(window, ExportRowShape.For(Columns), start, batchSize, CancellationToken.None);
        while (reader.Read(CancellationToken.None))
        {
            Assert.True(reader.TryGetUtf8(Columns.Count - 1, out var id));
            Assert.True(reader.TryGetInt64(1, out var count));
            Assert.InRange(count, 1, 5);
            ids.Add(System.Text.Encoding.UTF8.GetString(id));
        }

        return ids;
    }

    [Fact]
    public async Task An_export_reads_its_window_in_event_time_order_incrementally_by_row_id_or_by_time_range()
    {
        await SeedAsync();
        // Stored after the others but earlier in time: row order and time order disagree.
        await Writer.StoreAsync([Event("late-1", Ten.AddMinutes(-5), "alice@example.com", payload: "done"), Event("late-2", Ten.AddMinutes(30), "zed")]);
        if (Provider == DatabaseProvider.Sqlite)
        {
            // A workbook element's free text reads SQLite's full-text index, which the portal's indexer keeps up.
            await IndexSearchAsync();
        }

        var (newest, ingestedAt) = await Source.NewestAsync(searched: true, CancellationToken.None);
        var rows = (await Reader.PageAsync(new AuditQuery { Take = 100 })).Rows.ToDictionary(r => r.EventId, r => r.Id);

        Assert.Equal(rows["late-2"], newest);
        Assert.NotNull(ingestedAt);
        Assert.Equal(ingestedAt, await Source.IngestedAtAsync(newest, CancellationToken.None));
        Assert.Equal(["late-1", "f-1", "f-2", "f-3", "f-4", "f-5", "f-6", "late-2"], await ExportAsync(new ExportWindow(null, newest, null, null, null, [])));
        Assert.Equal(["late-1", "f-5", "f-6", "late-2"], await ExportAsync(new ExportWindow(rows["f-4"], newest, null, null, null, [])));
        Assert.Equal(["late-1", "f-5", "f-6", "late-2"], await ExportAsync(new ExportWindow(rows["f-4"], newest, null, null, null, []) { SmallWindowLimit = 0 }));
        Assert.Equal(["f-2", "f-3", "f-4"], await ExportAsync(new ExportWindow(null, newest, Ten.AddMinutes(1), Ten.AddMinutes(4), null, [])));
        Assert.Equal(["late-1", "f-1"], await ExportAsync(new ExportWindow(null, newest, null, null, "done", [new("Login", FilterOperator.StartsWith, "alice@")])));
        Assert.Empty(await ExportAsync(new ExportWindow(newest, newest, null, null, null, [])));
        Assert.Equal(Ten.AddMinutes(-5), await Source.OldestEventTimeAfterAsync(rows["f-6"], CancellationToken.None));
        Assert.Null(await Source.OldestEventTimeAfterAsync(newest, CancellationToken.None));
    }
}
