using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Demo;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>
/// AUDIT_LOGS through the real portal's store: writes, duplicates, and every kind of explorer query, on each provider
/// (<see cref="SqliteAuditStoreTests"/>, <see cref="PostgreSqlAuditStoreTests"/>).
/// </summary>
public abstract class AuditStoreTests
{
    // Relative to today: retention (30 days) runs at start and must not touch these events.
    private static readonly DateTime Now = DateTime.UtcNow.Date.AddHours(DateTime.UtcNow.Hour);
    private readonly Store store;

    protected AuditStoreTests(Store store) => this.store = store;

    /// <summary>The portal with 300 seeded events, on the provider of the derived fixture.</summary>
    public abstract class Store(DatabaseProvider provider) : PortalFactory, IAsyncLifetime
    {
        public AuditEventWriter Writer => Services.GetRequiredService<AuditEventWriter>();
        public IAuditEventQueries Reader => Services.GetRequiredService<IAuditEventQueries>();

        public async Task InitializeAsync()
        {
            await UseProviderAsync(provider);
            // 300 events one minute apart, ending at Now; logins, actions and statuses in known proportions.
            var events = Enumerable.Range(0, 300).Select(i => Event($"seed-{i:D3}", Now.AddMinutes(-i),
                login: i % 3 == 0 ? "alice@corp.example" : "bob@corp.example",
                action: i % 5 == 0 ? "delete" : "select",
                status: i % 10 == 0 ? AuditEventStatus.Fail : AuditEventStatus.Success,
                payload: i == 42 ? "SELECT secret_column FROM payroll" : null)).ToList();
            var result = await Writer.StoreAsync(events);
            Assert.Equal(300, result.Stored);
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    internal static AuditEvent Event(string id, DateTime time, string login = "carol@corp.example", string action = "select",
        AuditEventStatus? status = AuditEventStatus.Success, string? payload = null) => new()
    {
        EventId = id,
        EventTimeUtc = time,
        Datasource = "snowflake",
        Family = "database",
        Login = login,
        Repository = "snowflake-prod",
        Code = "QUERY",
        CodeLabel = "Query executed",
        Action = action,
        Status = status,
        Count = 1,
        TargetType = AuditTargetType.Asset,
        TargetName = "SALES.PUBLIC.ORDERS",
        Payload = payload,
        RawJson = $"{{\"id\":\"{id}\"}}",
    };

    private static AuditQuery Seeded => new() { FromUtc = Now.AddDays(-1), ToUtc = Now.AddMinutes(1), Filters = [new("EventId", FilterOperator.StartsWith, "seed-")] };

    [Fact]
    public async Task A_stored_event_reads_back_with_every_field()
    {
        var page = await store.Reader.PageAsync(Seeded with { Filters = [new("EventId", FilterOperator.Equals, "seed-042")] });

        var e = Assert.Single(page.Rows);
        Assert.Equal(Now.AddMinutes(-42), e.EventTimeUtc);
        Assert.Equal("alice@corp.example", e.Login);
        Assert.Equal(AuditTargetType.Asset, e.TargetType);
        Assert.Equal("SELECT secret_column FROM payroll", e.Payload);
        Assert.Equal("{\"id\":\"seed-042\"}", e.RawJson);
        Assert.Equal(e.EventId, (await store.Reader.GetAsync(e.Id))!.EventId);
    }

    [Fact]
    public async Task A_resent_event_id_is_not_stored_twice()
    {
        var first = await store.Writer.StoreAsync([Event("dup-1", Now), Event("dup-2", Now)]);
        var again = await store.Writer.StoreAsync([Event("dup-2", Now), Event("dup-3", Now), Event("dup-3", Now)]);

        Assert.Equal(2, first.Stored);
        Assert.Equal(1, again.Stored);
        Assert.Equal(["dup-2", "dup-3"], again.Duplicates);
        var page = await store.Reader.PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.StartsWith, "dup-")] });
        Assert.Equal(3, page.Total);
    }

    [Fact]
    public async Task Resent_event_ids_inside_a_many_row_insert_are_each_found()
    {
        // 70 events: two statements of AuditEventWriter.RowsPerStatement rows, then single rows.
        await store.Writer.StoreAsync(Enumerable.Range(0, 40).Select(i => Event($"bulk-{i:D2}", Now)).ToList());
        var batch = Enumerable.Range(40, 70).Select(i => Event($"bulk-{i:D2}", Now)).ToList();
        batch[3] = Event("bulk-05", Now);
        batch[31] = Event("bulk-39", Now);
        batch[10] = Event("bulk-45", Now); // also at index 5: a repeat inside the same statement
        batch[69] = Event("bulk-00", Now);

        var again = await store.Writer.StoreAsync(batch);

        Assert.Equal(66, again.Stored);
        Assert.Equal(["bulk-05", "bulk-45", "bulk-39", "bulk-00"], again.Duplicates);
        var page = await store.Reader.PageAsync(new AuditQuery { Filters = [new("EventId", FilterOperator.StartsWith, "bulk-")] });
        Assert.Equal(106, page.Total);
    }

    [Fact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats()
    {
        var seen = new List<string>();
        for (var skip = 0; skip < 300; skip += 70)
        {
            var page = await store.Reader.PageAsync(Seeded with { Skip = skip, Take = 70 });
            seen.AddRange(page.Rows.Select(r => r.EventId));
            Assert.Equal(300, page.Total);
            Assert.False(page.TotalIsLowerBound);
        }

        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"seed-{i:D3}"), seen);
    }

    [Fact]
    public async Task Sorting_by_login_ascending_puts_alice_first_then_newest_first_within_a_login()
    {
        var page = await store.Reader.PageAsync(Seeded with { SortColumn = "Login", SortDescending = false, Take = 300 });

        Assert.Equal(100, page.Rows.TakeWhile(r => r.Login == "alice@corp.example").Count());
        Assert.All(page.Rows.Skip(100), r => Assert.Equal("bob@corp.example", r.Login));
        Assert.Equal("seed-297", page.Rows[0].EventId);
    }

    [Theory]
    [InlineData("Status", FilterOperator.Equals, "Fail", 30)]
    [InlineData("Action", FilterOperator.Equals, "delete", 60)]
    [InlineData("Login", FilterOperator.Contains, "ALICE", 100)]
    [InlineData("Login", FilterOperator.StartsWith, "bob", 200)]
    [InlineData("Payload", FilterOperator.IsNotEmpty, null, 1)]
    [InlineData("Login", FilterOperator.NotEquals, "alice@corp.example", 200)]
    public async Task A_column_filter_returns_exactly_the_matching_events(string column, FilterOperator op, string? value, int expected)
    {
        var query = Seeded with { Filters = [.. Seeded.Filters, new AuditFilter(column, op, value)], Take = 300 };

        var page = await store.Reader.PageAsync(query);

        Assert.Equal(expected, page.Total);
        Assert.Equal(expected, page.Rows.Count);
    }

    [Fact]
    public async Task The_time_range_bounds_the_events()
    {
        var page = await store.Reader.PageAsync(Seeded with { FromUtc = Now.AddMinutes(-59), ToUtc = Now.AddMinutes(-9), Take = 300 });

        Assert.Equal(50, page.Total);
        Assert.All(page.Rows, r => Assert.InRange(r.EventTimeUtc, Now.AddMinutes(-59), Now.AddMinutes(-10)));
    }

    [Theory]
    [InlineData("payroll", 1)]
    [InlineData("secret_col", 1)]
    [InlineData("alice delete", 20)]
    [InlineData("\"unbalanced OR", 0)]
    public async Task Free_text_search_matches_words_as_prefixes(string search, int expected)
    {
        var page = await store.Reader.PageAsync(Seeded with { Search = search, Take = 300 });

        Assert.Equal(expected, page.Total);
    }

    [Fact]
    public async Task A_common_search_word_is_counted_up_to_the_search_limit_and_pages_stay_newest_first()
    {
        var events = Enumerable.Range(0, (int)AuditEventReader.SearchCountLimit + 50)
            .Select(i => Event($"common-{i:D6}", Now.AddSeconds(-i), payload: "quarterly reconciliation")).ToList();
        await store.Writer.StoreAsync(events);

        var page = await store.Reader.PageAsync(new AuditQuery { FromUtc = Now.AddDays(-1), Search = "reconcil", Take = 20, Skip = 40 });

        Assert.Equal(AuditEventReader.SearchCountLimit, page.Total);
        Assert.True(page.TotalIsLowerBound);
        Assert.Equal(Enumerable.Range(40, 20).Select(i => $"common-{i:D6}"), page.Rows.Select(r => r.EventId));
    }

    [Fact]
    public async Task The_histogram_counts_every_event_in_its_bucket()
    {
        var buckets = await store.Reader.HistogramAsync(Seeded with { FromUtc = null, ToUtc = null }, Now.AddHours(-2), Now.AddMinutes(1));

        Assert.Equal(121, buckets.Sum(b => b.Count));
        Assert.All(buckets, b => Assert.Equal(0, b.StartUtc.Second));
    }

    [Fact]
    public async Task An_unknown_filter_column_is_refused_not_sent_to_sql()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.Reader.PageAsync(new AuditQuery { Filters = [new("Id; DROP TABLE x", FilterOperator.Equals, "1")] }));
    }

    [Fact]
    public async Task Demo_data_is_realistic_and_stored_fast_enough_to_seed_a_fresh_install()
    {
        var events = new DemoDataGenerator(seed: 7).Generate(5000, Now).ToList();

        var result = await store.Writer.StoreAsync(events);

        Assert.Equal(5000, result.Stored);
        Assert.True(events.Select(e => e.Family).Distinct().Count() >= 4);
        Assert.True(events.Select(e => e.Login).Distinct().Count() >= 50);
        Assert.Contains(events, e => e.Status == AuditEventStatus.Fail);
        Assert.All(events, e => Assert.InRange(e.EventTimeUtc, Now.AddDays(-30), Now));
        Assert.Equal(events.OrderBy(e => e.EventTimeUtc).Select(e => e.EventId), events.Select(e => e.EventId));
    }
}
