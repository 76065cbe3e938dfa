using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdminPortal.Tests.AuditLogs.Store;

/// <summary>What only PostgreSQL has on the read side: months dropped whole, time ranges read only their months, row ids that commit out of order.</summary>
public sealed class PostgreSqlAuditReadStoreTests() : AuditReadStoreTests(DatabaseProvider.PostgreSQL)
{
    private async Task<List<string>> QueryAsync(string sql, Action<NpgsqlCommand>? parameters = null)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        parameters?.Invoke(command);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    private Task<List<string>> PartitionsAsync() => QueryAsync(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '\"AuditEvents\"'::regclass ORDER BY 1");

    private static AuditEvent Event(string id, DateTime time) => AuditStoreTests.Event(id, time);

    [Fact]
    public async Task Retention_drops_the_months_before_the_cutoff_trims_the_month_it_falls_in_and_fixes_their_hours_and_ids()
    {
        await Writer.StoreAsync([
            Event("m-1", new DateTime(2026, 9, 3, 0, 0, 0, DateTimeKind.Utc)),
            Event("m-2", new DateTime(2026, 10, 31, 23, 59, 0, DateTimeKind.Utc)),
            Event("m-3", Ten.AddDays(-1)),
            Event("m-4", Ten.AddDays(1)),
            Event("m-5", Ten.AddDays(12)),
        ]);

        Assert.Equal(3, await Purge.DeleteOlderThanAsync(Ten, CancellationToken.None));

        Assert.Equal(["AuditEvents_2026_11", "AuditEvents_2026_12", "AuditEvents_default"], await PartitionsAsync());
        Assert.Equal(["m-4", "m-5"], await QueryAsync("SELECT \"EventId\" FROM \"AuditEventIds\" ORDER BY 1"));
        Assert.Equal(
            [AuditEventWriter.ToUnixMs(Ten.AddDays(1)).ToString(), AuditEventWriter.ToUnixMs(Ten.AddDays(12)).ToString()],
            await QueryAsync("SELECT \"HourUtc\" FROM \"AuditEventHours\" WHERE \"Events\" <> 0 ORDER BY 1"));
        Assert.Equal(["2"], await QueryAsync("SELECT sum(\"Events\") FROM \"AuditEventHours\""));
    }

    [Fact]
    public async Task A_time_range_reads_only_the_partitions_of_its_months()
    {
        await Writer.StoreAsync([Event("x-1", Ten.AddMonths(-2)), Event("x-2", Ten), Event("x-3", Ten.AddMonths(2))]);
        var query = new AuditQuery { FromUtc = Ten.AddDays(-2), ToUtc = Ten.AddDays(2), Search = "carol", Filters = [new("Action", FilterOperator.Equals, "select")] };

        foreach (var prepare in new Action<NpgsqlCommand>[]
        {
            c => PostgreSqlAuditEventQueries.PreparePage(c, query),
            c => PostgreSqlAuditEventQueries.PrepareCount(c, query),
            c => PostgreSqlAuditEventQueries.PrepareHistogram(c, query, query.FromUtc!.Value, query.ToUtc!.Value),
        })
        {
            await using var command = new NpgsqlCommand();
            prepare(command);
            var plan = string.Join("\n", await QueryAsync("EXPLAIN " + command.CommandText, c => c.Parameters.AddRange(command.Parameters.Select(p => p.Clone()).ToArray())));

            Assert.Contains("AuditEvents_2026_11", plan);
            Assert.DoesNotContain("AuditEvents_2026_09", plan);
            Assert.DoesNotContain("AuditEvents_2027_01", plan);
        }
    }

    [Fact]
    public async Task The_newest_row_id_of_a_window_waits_for_a_writer_still_storing_a_lower_one()
    {
        // The month's partition is there already: the first writer of a month creates it in its transaction.
        await Writer.StoreAsync([Event("warm", Ten.AddHours(-1))]);
        // Two nodes: each has its own writer (and gate); node A has taken its row id but not committed yet.
        var otherNode = new AuditEventWriter(Microsoft.Extensions.Options.Options.Create(Database.Options()), TimeProvider.System, new AuditWriteGate());
        await using (var slow = await otherNode.BeginAsync())
        {
            await slow.WriteAsync([Event("slow", Ten)]);
            // Another hour: the two would otherwise wait on the same AuditEventHours row.
            await Writer.StoreAsync([Event("fast", Ten.AddHours(2))]);

            var newest = Source.NewestAsync(searched: false, CancellationToken.None);
            await Task.Delay(500);
            Assert.False(newest.IsCompleted, "The window was taken while a lower row id could still commit.");

            await slow.CommitAsync();
            var (rowId, _) = await newest.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(["warm", "slow", "fast"], await ExportAsync(new ExportWindow(null, rowId, null, null, null, [])));
        }
    }

    private Task<List<string>> PendingAsync() =>
        QueryAsync("SELECT \"EventId\" FROM \"AuditEvents\" WHERE \"SearchVector\" IS NULL ORDER BY 1");

    private async Task<List<string>> SearchAsync(string search) =>
        (await Reader.PageAsync(new AuditQuery { Search = search, Take = 100 })).Rows.Select(r => r.EventId).ToList();

    [Fact]
    public async Task An_event_just_stored_is_found_by_free_text_before_the_indexer_fills_its_search_vector_and_after()
    {
        await Writer.StoreAsync([
            AuditStoreTests.Event("s-1", Ten, "zoé@example.com", payload: "Résumé envoyé"),
            AuditStoreTests.Event("s-2", Ten.AddMinutes(1), "bob", payload: "other words"),
        ]);

        // Ingestion stores no search vector: the indexer fills it afterwards.
        Assert.Equal(["s-1", "s-2"], await PendingAsync());
        Assert.Equal(["s-1"], await SearchAsync("zoe@exa resu"));
        Assert.Empty(await SearchAsync("zoe other"));
        Assert.Equal(1, (await Reader.HistogramAsync(new AuditQuery { Search = "envoy" }, Ten.AddHours(-1), Ten.AddHours(1))).Sum(b => b.Count));

        await IndexSearchAsync();

        Assert.Empty(await PendingAsync());
        Assert.Equal(["s-1"], await SearchAsync("zoe@exa resu"));
        Assert.Empty(await SearchAsync("zoe other"));
        Assert.Equal(1, (await Reader.HistogramAsync(new AuditQuery { Search = "envoy" }, Ten.AddHours(-1), Ten.AddHours(1))).Sum(b => b.Count));
        // The stored vector is the one the searches compute for a waiting event (the migration's one function).
        Assert.Equal(["True"], await QueryAsync(
            $"SELECT bool_and(\"SearchVector\" = {PostgreSqlAuditSearchIndexer.VectorOf("")}) FROM \"AuditEvents\""));
    }

    [Fact]
    public async Task The_search_indexer_skips_the_events_another_transaction_holds_and_indexes_them_on_a_later_pass()
    {
        await Writer.StoreAsync([Event("h-1", Ten), Event("h-2", Ten.AddMinutes(1)), Event("h-3", Ten.AddMinutes(2))]);
        var indexer = Get<PostgreSqlAuditSearchIndexer>();

        await using (var holder = new NpgsqlConnection(Database.ConnectionString))
        {
            // Another node's indexer, or retention deleting the row: the indexer neither waits for it nor deadlocks.
            await holder.OpenAsync();
            await using var transaction = await holder.BeginTransactionAsync();
            await using var hold = new NpgsqlCommand("SELECT 1 FROM \"AuditEvents\" WHERE \"EventId\" = 'h-2' FOR UPDATE", holder, transaction);
            await hold.ExecuteNonQueryAsync();

            Assert.Equal(2, await indexer.IndexNextAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(0, await indexer.IndexNextAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal(["h-2"], await PendingAsync());
        }

        Assert.Equal(1, await indexer.IndexNextAsync());
        Assert.Empty(await PendingAsync());
        Assert.Equal(0, await indexer.PendingAsync());
    }

    [Fact]
    public async Task A_page_jumped_to_by_its_number_walks_the_rows_it_skips_as_keys_only_and_reads_only_its_own_rows_whole()
    {
        await Writer.StoreAsync(Enumerable.Range(0, 30).Select(i => Event($"j-{i:00}", Ten.AddMinutes(i))).ToList());
        await QueryAsync("VACUUM ANALYZE \"AuditEvents\"");
        var query = new AuditQuery { FromUtc = Ten.AddDays(-1), ToUtc = Ten.AddDays(1), Skip = 20, Take = 5 };

        await using var command = new NpgsqlCommand();
        PostgreSqlAuditEventQueries.PreparePage(command, query);
        // A table this small is read whole unless told otherwise; the events' table is millions of rows.
        var plan = string.Join("\n", await QueryAsync(
            "SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off; EXPLAIN " + command.CommandText,
            c => c.Parameters.AddRange(command.Parameters.Select(p => p.Clone()).ToArray())));

        Assert.Contains("Index Only Scan Backward", plan);
        Assert.Equal(["j-09", "j-08", "j-07", "j-06", "j-05"], (await Reader.PageAsync(query)).Rows.Select(r => r.EventId).ToList());
    }
}
