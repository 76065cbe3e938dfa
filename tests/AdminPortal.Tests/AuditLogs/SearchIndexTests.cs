using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

/// <summary>The full-text index that follows ingestion: searches never depend on how far it has come.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private static readonly DateTime Now = DateTime.UtcNow;

    private readonly List<PortalFactory> portals = [];

    /// <summary>A portal whose indexer only runs when a test says so (it waits for an hour of quiet and never feels pressed).</summary>
    private sealed class HeldIndexPortal(bool held) : PortalFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SearchIndex:ChunkSize", "100");
            builder.UseSetting("SearchIndex:IdleMilliseconds", held ? "3600000" : "0");
            builder.UseSetting("SearchIndex:MaxPendingEvents", held ? int.MaxValue.ToString() : "0");
        }
    }

    /// <summary>
    /// Starts a portal; <paramref name="copyFrom"/> gives it a copy of another portal's database and search index first,
    /// as a restart would find them; <paramref name="indexFrom"/> only the other portal's search index.
    /// </summary>
    private async Task<PortalFactory> StartAsync(bool held = true, PortalFactory? copyFrom = null, PortalFactory? indexFrom = null)
    {
        var portal = new HeldIndexPortal(held);
        portals.Add(portal);
        var files = new List<(string From, string To)>();
        if (copyFrom is not null)
        {
            files.Add((copyFrom.DatabasePath, portal.DatabasePath));
            files.Add((SearchIndexPath(copyFrom), SearchIndexPath(portal)));
        }

        if (indexFrom is not null)
        {
            files.Add((SearchIndexPath(indexFrom), SearchIndexPath(portal)));
        }

        foreach (var (from, to) in files)
        {
            await using var connection = new SqliteConnection($"Data Source={from}");
            await connection.OpenAsync();
            await using var copy = connection.CreateCommand();
            copy.CommandText = "VACUUM INTO $path";
            copy.Parameters.AddWithValue("$path", to);
            await copy.ExecuteNonQueryAsync();
        }

        _ = portal.Services;
        return portal;
    }

    private static AuditEvent Event(string id, DateTime time, string login, string? payload = null, string? targetName = null)
    {
        var e = AuditStoreTests.Event(id, time, login: login, payload: payload);
        e.TargetName = targetName ?? e.TargetName;
        return e;
    }

    private static readonly string[] Searches =
    [
        "alice", "ALI", "alice@corp.example", "corp.exa", "emile", "ÉMILE", "payroll secret", "sales.public.ord",
        "ev-00", "ev-001", "EV-0012", "select payroll", "nothing-like-this", ".", "- _", "orders émile",
    ];

    private static List<AuditEvent> Events() =>
    [
        .. Enumerable.Range(0, 120).Select(i => Event($"ev-{i:D4}", Now.AddMinutes(-i), i % 2 == 0 ? "alice@corp.example" : "Émile.Zola@corp.example",
            payload: i % 7 == 0 ? "SELECT secret FROM payroll" : null, targetName: i % 3 == 0 ? "SALES.PUBLIC.ORDERS" : "hr.people")),
    ];

    private static async Task<Dictionary<string, string>> SearchAllAsync(PortalFactory portal)
    {
        var reader = portal.Services.GetRequiredService<AuditEventReader>();
        var results = new Dictionary<string, string>();
        foreach (var search in Searches)
        {
            var page = await reader.PageAsync(new AuditQuery { Search = search, Take = 1000 });
            var histogram = await reader.HistogramAsync(new AuditQuery { Search = search }, Now.AddDays(-1), Now.AddMinutes(1));
            var ids = string.Join(",", page.Rows.Select(r => r.EventId).Order());
            results[search] = $"{page.Total}|{histogram.Sum(b => b.Count)}|{ids}";
        }

        return results;
    }

    private static string SearchIndexPath(PortalFactory portal) => new DatabaseOptions { Path = portal.DatabasePath }.SearchIndexPath;

    /// <summary>FTS5's own check of the index structure; throws when the index is broken.</summary>
    private static async Task AssertIndexConsistentAsync(PortalFactory portal)
    {
        await using var connection = new SqliteConnection($"Data Source={SearchIndexPath(portal)}");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "INSERT INTO \"AuditEventsFts\"(\"AuditEventsFts\", rank) VALUES ('integrity-check', 0)";
        await check.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// How many rows the index itself holds a term for (fts5vocab), whether or not the events are still stored: an
    /// entry left behind by a deleted event, or a wrong delete, shows here where a search (which reads events by
    /// rowid) would hide it.
    /// </summary>
    private static async Task<long> IndexedRowsAsync(PortalFactory portal, string term)
    {
        await using var connection = new SqliteConnection($"Data Source={SearchIndexPath(portal)}");
        await connection.OpenAsync();
        await using var vocab = connection.CreateCommand();
        vocab.CommandText = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\"Vocab\" USING fts5vocab(main, \"AuditEventsFts\", 'row'); " +
            "SELECT coalesce((SELECT doc FROM temp.\"Vocab\" WHERE term = $term), 0)";
        vocab.Parameters.AddWithValue("$term", term);
        return (long)(await vocab.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Free_text_finds_the_same_events_before_and_after_the_indexer_reaches_them()
    {
        var portal = await StartAsync();
        var indexer = portal.Services.GetRequiredService<AuditSearchIndexer>();
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(Events());
        Assert.True((await indexer.StatusAsync()).Pending >= 120);

        var before = await SearchAllAsync(portal);
        await indexer.CatchUpAsync();
        var after = await SearchAllAsync(portal);

        Assert.Equal(0, (await indexer.StatusAsync()).Pending);
        Assert.Equal(after, before);
        Assert.StartsWith("60|60|", after["alice"]);
        Assert.StartsWith("60|60|", after["ÉMILE"]);
        Assert.StartsWith("1|1|ev-0012", after["EV-0012"]);
        Assert.StartsWith("0|0|", after["."]);
        await AssertIndexConsistentAsync(portal);
    }

    [Fact]
    public async Task Half_indexed_events_are_found_once_each()
    {
        var portal = await StartAsync();
        var indexer = portal.Services.GetRequiredService<AuditSearchIndexer>();
        await portal.Services.GetRequiredService<AuditEventWriter>().StoreAsync(Events());

        await indexer.IndexNextAsync(); // the first 100 ids: the rest wait
        var page = await portal.Services.GetRequiredService<AuditEventReader>().PageAsync(new AuditQuery { Search = "corp.example", Take = 1000 });

        Assert.InRange((await indexer.StatusAsync()).Pending, 1, 100);
        Assert.Equal(120, page.Total);
        Assert.Equal(120, page.Rows.Select(r => r.EventId).Distinct().Count());
    }

    [Fact]
    public async Task Retention_deleting_indexed_and_unindexed_events_keeps_the_full_text_index_consistent()
    {
        var portal = await StartAsync();
        var writer = portal.Services.GetRequiredService<AuditEventWriter>();
        var indexer = portal.Services.GetRequiredService<AuditSearchIndexer>();
        await writer.StoreAsync(Enumerable.Range(0, 150).Select(i => Event($"old-a-{i}", Now.AddDays(-40), "olduser@corp.example")).ToList());
        await indexer.CatchUpAsync();
        await writer.StoreAsync(Enumerable.Range(0, 150).Select(i => Event($"old-b-{i}", Now.AddDays(-40), "olduser@corp.example"))
            .Concat(Enumerable.Range(0, 10).Select(i => Event($"new-{i}", Now.AddHours(-1), "newuser@corp.example"))).ToList());

        var run = await portal.Services.GetRequiredService<AuditRetention>().RunOnceAsync();
        await AssertIndexConsistentAsync(portal);
        await indexer.CatchUpAsync();

        Assert.Equal(300, run.Deleted);
        await AssertIndexConsistentAsync(portal);
        Assert.Equal(0, await IndexedRowsAsync(portal, "olduser"));
        Assert.Equal(10, await IndexedRowsAsync(portal, "newuser"));
        var reader = portal.Services.GetRequiredService<AuditEventReader>();
        Assert.Equal(0, (await reader.PageAsync(new AuditQuery { Search = "olduser" })).Total);
        Assert.Equal(10, (await reader.PageAsync(new AuditQuery { Search = "newuser" })).Total);
    }

    [Fact]
    public async Task A_restarted_portal_resumes_indexing_where_the_watermark_stands()
    {
        var first = await StartAsync();
        await first.Services.GetRequiredService<AuditEventWriter>().StoreAsync(Events());
        await first.Services.GetRequiredService<AuditSearchIndexer>().IndexNextAsync();
        var indexedBefore = (await first.Services.GetRequiredService<AuditSearchIndexer>().StatusAsync()).IndexedUpToId;

        // The database as the first portal left it, under a portal whose indexer runs as soon as it may.
        var second = await StartAsync(held: false, copyFrom: first);
        var indexer = second.Services.GetRequiredService<AuditSearchIndexer>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await indexer.StatusAsync()).Pending > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var status = await indexer.StatusAsync();
        Assert.True(indexedBefore > 0);
        Assert.Equal(0, status.Pending);
        await AssertIndexConsistentAsync(second);
        Assert.Equal(60, (await second.Services.GetRequiredService<AuditEventReader>().PageAsync(new AuditQuery { Search = "alice" })).Total);
    }

    [Fact]
    public void Connections_that_attach_the_index_come_from_a_pool_of_their_own()
    {
        var options = new DatabaseOptions { Path = "data/pools.db" };

        // Same file, another pool: a writer's BEGIN IMMEDIATE never finds the index attached (it would lock it too).
        Assert.NotEqual(options.ConnectionString(), options.SearchingConnectionString());
        Assert.Equal(new SqliteConnectionStringBuilder(options.ConnectionString()).DataSource, new SqliteConnectionStringBuilder(options.SearchingConnectionString()).DataSource);
        Assert.EndsWith("pools.search.db", options.SearchIndexPath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_index_found_beside_another_database_is_emptied_and_built_again()
    {
        var first = await StartAsync();
        await first.Services.GetRequiredService<AuditEventWriter>().StoreAsync(Events());
        await first.Services.GetRequiredService<AuditSearchIndexer>().CatchUpAsync();

        // A new database (restored, or replaced) beside the first portal's index, whose watermark is past its ids.
        var second = await StartAsync(indexFrom: first);
        await second.Services.GetRequiredService<AuditEventWriter>().StoreAsync([Event("other-1", Now, "bob@corp.example")]);
        await second.Services.GetRequiredService<AuditSearchIndexer>().CatchUpAsync();

        Assert.Equal(60, await IndexedRowsAsync(first, "alice"));
        Assert.Equal(0, await IndexedRowsAsync(second, "alice"));
        Assert.Equal(1, (await second.Services.GetRequiredService<AuditEventReader>().PageAsync(new AuditQuery { Search = "bob" })).Total);
        await AssertIndexConsistentAsync(second);
    }

    public void Dispose()
    {
        foreach (var portal in portals)
        {
            portal.Dispose();
        }
    }
}
