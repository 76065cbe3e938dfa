using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure.Databases;
using Npgsql;

namespace AdminPortal.Tests.AuditLogs.Store;

/// <summary>What only PostgreSQL has: the events' monthly partitions (migration AuditEventsPartitioned).</summary>
public sealed class PostgreSqlAuditWriteStoreTests() : AuditWriteStoreTests(DatabaseProvider.PostgreSQL)
{
    private async Task<List<string>> PartitionsOfAsync(string connectionString, string idPrefix)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT \"EventId\" || ' ' || tableoid::regclass FROM \"AuditEvents\" WHERE \"EventId\" LIKE @p ORDER BY 1", connection);
        command.Parameters.AddWithValue("p", idPrefix + "%");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    [Fact]
    public async Task Two_batches_of_one_node_are_written_beside_each_other()
    {
        // The month's partition is there already: the first writer of a month creates it in its transaction.
        await Writer.StoreAsync([Event("warm", Ten.AddHours(-1))]);
        await using (var open = await Writer.BeginAsync())
        {
            await open.WriteAsync([Event("slow", Ten)]);

            // The same node's writer: one writer at a time would wait here for the open batch.
            var other = await Writer.StoreAsync([Event("fast", Ten.AddHours(2))]).WaitAsync(TimeSpan.FromSeconds(10));

            Assert.Equal(1, other.Stored);
            await open.CommitAsync();
        }

        Assert.Equal(["fast", "slow", "warm"], (await StoredIdsAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_chunk_whose_copy_fails_after_its_first_rows_were_sent_can_never_be_committed_in_part()
    {
        // About 600 KB: the COPY sends its first 256 KiB of rows before it reaches the last event, whose login (a lone
        // surrogate) cannot be encoded. A COPY ended there instead of cancelled would store the rows already sent.
        var events = Enumerable.Range(0, 300).Select(i => Event($"part-{i:D3}", Ten, payload: new string('x', 2000))).ToList();
        events[^1].Login = "broken \uD800";
        await using (var session = await Writer.BeginAsync())
        {
            await Assert.ThrowsAsync<EncoderFallbackException>(() => session.WriteAsync(events));
            try
            {
                await session.CommitAsync();
            }
            catch (PostgresException)
            {
                // The transaction is aborted: what matters is that nothing of the chunk is stored.
            }
        }

        Assert.Empty(await StoredIdsAsync());
        Assert.Empty(await HoursAsync());
        Assert.Equal(1, (await Writer.StoreAsync([Event("part-000", Ten)])).Stored);
    }

    [Fact]
    public async Task Events_land_in_the_partition_of_their_month_made_when_first_needed()
    {
        await Writer.StoreAsync([
            Event("p-1", new DateTime(2026, 11, 30, 23, 59, 59, 999, DateTimeKind.Utc)),
            Event("p-2", new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
            Event("p-3", new DateTime(2031, 3, 15, 8, 0, 0, DateTimeKind.Utc)),
        ]);

        Assert.Equal(
            ["p-1 \"AuditEvents_2026_11\"", "p-2 \"AuditEvents_2026_12\"", "p-3 \"AuditEvents_2031_03\""],
            await PartitionsOfAsync(Database.ConnectionString, "p-"));
    }

    [Fact]
    public async Task A_month_whose_events_are_already_in_the_default_partition_keeps_them_there()
    {
        // An event written past the writer (psql, a restore) lands in DEFAULT when its month has no partition yet.
        await using (var connection = new NpgsqlConnection(Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO \"AuditEvents\" (\"EventId\", \"EventTimeUtc\", \"IngestedAtUtc\", \"Datasource\", \"Family\", \"Login\", " +
                "\"Repository\", \"Code\", \"CodeLabel\", \"Action\", \"Count\") VALUES ('d-1', @t, @t, 's', 'f', 'l', 'r', 'c', 'c', 'a', 1); " +
                "INSERT INTO \"AuditEventIds\" VALUES ('d-1')", connection);
            insert.Parameters.AddWithValue("t", new DateTimeOffset(2027, 2, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds());
            await insert.ExecuteNonQueryAsync();
        }

        var result = await Writer.StoreAsync([Event("d-2", new DateTime(2027, 2, 10, 0, 0, 0, DateTimeKind.Utc)), Event("d-1", Ten)]);

        Assert.Equal(1, result.Stored);
        Assert.Equal(["d-1"], result.Duplicates);
        Assert.Equal(["d-1 \"AuditEvents_default\"", "d-2 \"AuditEvents_default\""], await PartitionsOfAsync(Database.ConnectionString, "d-"));
    }

    [Fact]
    public async Task Deleting_events_takes_them_off_their_hours_and_frees_their_ids()
    {
        await Writer.StoreAsync([Event("del-1", Ten), Event("del-2", Ten), Event("del-3", Ten.AddHours(1))]);
        await using (var db = Database.NewContext())
        {
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(
                db.AuditEvents.Where(e => e.EventId != "del-3"));
        }

        Assert.Equal(new Dictionary<DateTime, long> { [Ten.AddHours(1)] = 1 }, await HoursAsync());
        Assert.Equal(1, (await Writer.StoreAsync([Event("del-1", Ten)])).Stored);
    }

    [Fact]
    public async Task Migrating_down_to_the_baseline_and_up_again_keeps_the_events_their_ids_and_hours()
    {
        await Writer.StoreAsync([Event("mig-1", Ten), Event("mig-2", Ten.AddDays(40))]);

        await using (var db = Database.NewContext())
        {
            var migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>(db);
            await migrator.MigrateAsync("20261205021013_Baseline");
            Assert.Equal(["mig-1", "mig-2"], await StoredIdsAsync());
            await migrator.MigrateAsync();
        }

        Assert.Equal(["mig-1 \"AuditEvents_2026_11\"", "mig-2 \"AuditEvents_2026_12\""], await PartitionsOfAsync(Database.ConnectionString, "mig-"));
        Assert.Equal(new Dictionary<DateTime, long> { [Ten] = 1, [Ten.AddDays(40)] = 1 }, await HoursAsync());
        var again = await Writer.StoreAsync([Event("mig-1", Ten), Event("mig-3", Ten)]);
        Assert.Equal(["mig-1"], again.Duplicates);
        Assert.Equal(["mig-1", "mig-2", "mig-3"], await StoredIdsAsync());
    }
}
