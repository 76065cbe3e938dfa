using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using static AdminPortal.Core.Exports.ExportEventSql;

namespace AdminPortal.Core.Exports;

/// <summary>
/// <see cref="IExportEventSource"/> on PostgreSQL: the window's filters and time range as the explorer's
/// (<see cref="PostgreSqlAuditSql"/>), read in keyset batches on the (EventTimeUtc, Id) index of each monthly partition.
/// </summary>
public sealed class PostgreSqlExportEventSource(IOptions<DatabaseOptions> database) : IExportEventSource
{
    /// <summary>How long <see cref="NewestAsync"/> waits between two looks at the writers it waits for.</summary>
    private static readonly TimeSpan WriterPoll = TimeSpan.FromMilliseconds(50);

    // The row id written plainly: ExportWindow.Plan's hints (NOT INDEXED, a unary +) steer SQLite's planner; PostgreSQL's
    // chooses between the id range and the time index from its statistics.
    private const string Id = "e.\"Id\"";

    /// <summary>
    /// Row ids come from a sequence when a writer stores them, and writers on several nodes commit in any order: the
    /// newest visible id may have an older one still uncommitted below it, which a watermark set to it would pass over
    /// for good. So the newest id is read in a snapshot, and returned once every writer of events that could hold a
    /// lower id has ended. Such a writer took its id before the snapshot (the sequence only goes up), and its
    /// transaction id before that (its first write, the batch's temporary table, comes first); so it is one of the
    /// transactions with an id older than the one this read takes right after its snapshot, holding a lock on
    /// "AuditEventIds" (every writer inserts its event ids there in the statement that takes the row ids). Later writers
    /// are not waited for, so steady ingestion cannot hold the window back; the wait is one ingestion batch at most.
    /// The free text needs no wait (<paramref name="searched"/>), though ingestion stores a row without its search vector
    /// (migration AuditSearchDeferred) and <see cref="AuditLogs.SearchIndex.PostgreSqlAuditSearchIndexer"/> fills it
    /// later: the search also reads the rows still waiting, computing their vector as the indexer will store it
    /// (<see cref="PostgreSqlAuditSql"/>), so a row matches the same before and after, unlike SQLite's index watermark.
    /// </summary>
    public async Task<(long RowId, DateTime? IngestedAtUtc)> NewestAsync(bool searched, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        long id;
        DateTime? ingestedAt;
        ulong after;
        await using (var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct))
        {
            // The statement's snapshot is taken before pg_current_xact_id gives this transaction its id.
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT \"Id\" FROM \"AuditEvents\" ORDER BY \"Id\" DESC LIMIT 1), pg_current_xact_id()::text", connection, transaction);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                id = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
                after = ulong.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture);
            }

            await using var ingested = new NpgsqlCommand("SELECT \"IngestedAtUtc\" FROM \"AuditEvents\" WHERE \"Id\" = @id", connection, transaction);
            ingested.Parameters.AddWithValue("id", id);
            ingestedAt = await TimeAsync(ingested, ct);
            await transaction.CommitAsync(ct);
        }

        // pg_locks shows 32-bit transaction ids: "older than" is modulo 2^32, as PostgreSQL compares them.
        await using var running = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks r
            JOIN pg_locks t ON t.virtualtransaction = r.virtualtransaction AND t.locktype = 'transactionid'
            WHERE r.locktype = 'relation' AND r.relation = '"AuditEventIds"'::regclass
                AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND ($1 - t.transactionid::text::bigint + 4294967296) % 4294967296 BETWEEN 1 AND 2147483647
            """, connection);
        running.Parameters.Add(new NpgsqlParameter { Value = (long)(after % 4294967296UL) });
        while ((long)(await running.ExecuteScalarAsync(ct))! > 0)
        {
            await Task.Delay(WriterPoll, ct);
        }

        return (id, ingestedAt);
    }

    public async Task<DateTime?> IngestedAtAsync(long rowId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT \"IngestedAtUtc\" FROM \"AuditEvents\" WHERE \"Id\" = @id", connection);
        command.Parameters.AddWithValue("id", rowId);
        return await TimeAsync(command, ct);
    }

    public async Task<ExportCursor?> StartAsync(ExportWindow window, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var inWindow = InWindow(window, command, PostgreSqlAuditSql.Instance, Id);
        command.CommandText = $"SELECT min(e.\"EventTimeUtc\") FROM \"AuditEvents\" e{inWindow}";
        // Just before the oldest event: the keyset (time, id) > (oldest, 0) takes it.
        return await command.ExecuteScalarAsync(ct) is long ms ? new ExportCursor(ms, 0) : null;
    }

    public async Task<ExportEventReader> ReadAsync(ExportWindow window, ExportRowShape shape, ExportCursor after, int batchSize, CancellationToken ct)
    {
        // Opened here, asynchronously, and kept for the reader's life: the reader's own calls are synchronous (the export
        // reads on a thread of its own), and waiting synchronously for a pooled connection could wait on the very
        // continuations that would give one back.
        var connection = await OpenAsync(ct);
        var command = new NpgsqlCommand { Connection = connection };
        // The row comparison walks the time index from the cursor; the plain bound beside it lets the planner skip the
        // months before the cursor (partition pruning knows no row comparison).
        var inWindow = InWindow(window, command, PostgreSqlAuditSql.Instance, Id,
            also: "e.\"EventTimeUtc\" >= @t AND (e.\"EventTimeUtc\", e.\"Id\") > (@t, @id)");
        command.CommandText = $"SELECT {shape.SelectList} FROM \"AuditEvents\" e{shape.Joins}{inWindow} ORDER BY e.\"EventTimeUtc\", e.\"Id\" LIMIT @take";
        command.Parameters.AddWithValue("take", batchSize);
        command.Parameters.AddWithValue("t", after.EventTimeMs);
        command.Parameters.AddWithValue("id", after.RowId);
        return new PostgreSqlExportEventReader(connection, command, shape, batchSize);
    }

    public async Task<ExportEventBuckets> CountByTimeAsync(ExportWindow window, long bucketMs, int maxBuckets, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // The time range in the WHERE (from the element) lets the planner skip the months outside it.
        var inWindow = InWindow(window, command, PostgreSqlAuditSql.Instance, Id);
        command.CommandText = $"SELECT {FloorBucket("@bucket")}, count(*) FROM \"AuditEvents\" e{inWindow} GROUP BY b ORDER BY b LIMIT @take";
        command.Parameters.AddWithValue("bucket", bucketMs);
        command.Parameters.AddWithValue("take", maxBuckets + 1);
        return await ReadBucketsAsync(command, maxBuckets, ct);
    }

    public async Task<DateTime?> OldestEventTimeAfterAsync(long rowId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT min(\"EventTimeUtc\") FROM \"AuditEvents\" WHERE \"Id\" > @after", connection);
        command.Parameters.AddWithValue("after", rowId);
        return await TimeAsync(command, ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
