using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Core.Exports;

/// <summary>
/// <see cref="IExportEventSource"/> on PostgreSQL: the window's filters and time range as the explorer's
/// (<see cref="PostgreSqlAuditSql"/>), read in keyset batches on the (EventTimeUtc, Id) index of each monthly partition.
/// </summary>
public sealed class PostgreSqlExportEventSource(IOptions<DatabaseOptions> database) : IExportEventSource
{
    /// <summary>How long <see cref="NewestAsync"/> waits between two looks at the writers it waits for.</summary>
    private static readonly TimeSpan WriterPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Row ids come from a sequence when a writer stores them, and writers on several nodes commit in any order: the
    /// newest visible id may have an older one still uncommitted below it, which a watermark set to it would pass over
    /// for good. So the newest id is read in a snapshot, and returned once every transaction that snapshot saw running
    /// has ended: any id below it was taken before the snapshot (the sequence only goes up), so its writer either had
    /// committed then or is one of those (no long wait: a writer's transaction is one ingestion batch). The free text needs no wait (<paramref name="searched"/>): the search vector is
    /// stored with the row.
    /// </summary>
    public async Task<(long RowId, DateTime? IngestedAtUtc)> NewestAsync(bool searched, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        long id;
        DateTime? ingestedAt;
        string snapshot;
        await using (var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct))
        {
            await using var command = new NpgsqlCommand(
                "SELECT pg_current_snapshot()::text, (SELECT \"Id\" FROM \"AuditEvents\" ORDER BY \"Id\" DESC LIMIT 1)", connection, transaction);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                snapshot = reader.GetString(0);
                id = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
            }

            await using var ingested = new NpgsqlCommand("SELECT \"IngestedAtUtc\" FROM \"AuditEvents\" WHERE \"Id\" = @id", connection, transaction);
            ingested.Parameters.AddWithValue("id", id);
            ingestedAt = await ingested.ExecuteScalarAsync(ct) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;
            await transaction.CommitAsync(ct);
        }

        // Only the writers of events: transactions of that snapshot holding a lock on "AuditEventIds" in this database
        // (every writer inserts its ids there before it takes row ids); any other transaction on the server, however
        // long, is none of the window's business. A snapshot's xids are 64-bit, pg_locks' 32.
        await using var running = new NpgsqlCommand("""
            SELECT count(*) FROM pg_locks r
            JOIN pg_locks t ON t.virtualtransaction = r.virtualtransaction AND t.locktype = 'transactionid'
            WHERE r.locktype = 'relation' AND r.relation = '"AuditEventIds"'::regclass
                AND r.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                AND t.transactionid::text IN (SELECT (x::text::numeric % 4294967296)::text FROM pg_snapshot_xip($1::pg_snapshot) x)
            """, connection);
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
        return await command.ExecuteScalarAsync(ct) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;
    }

    public async Task<ExportCursor?> StartAsync(ExportWindow window, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = PostgreSqlAuditSql.Where(window.Query, command, "e.");
        command.CommandText = $"SELECT min(e.\"EventTimeUtc\") FROM \"AuditEvents\" e{And(where)}e.\"Id\" > @after AND e.\"Id\" <= @to";
        command.Parameters.AddWithValue("after", window.AfterRowId ?? 0);
        command.Parameters.AddWithValue("to", window.ToRowId);
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
        var where = PostgreSqlAuditSql.Where(window.Query, command, "e.");
        // The row comparison walks the time index from the cursor; the plain bound beside it lets the planner skip the
        // months before the cursor (partition pruning knows no row comparison).
        command.CommandText =
            $"SELECT {shape.SelectList} FROM \"AuditEvents\" e{And(where)}e.\"EventTimeUtc\" >= @t AND (e.\"EventTimeUtc\", e.\"Id\") > (@t, @id) " +
            $"AND e.\"Id\" > @after AND e.\"Id\" <= @to ORDER BY e.\"EventTimeUtc\", e.\"Id\" LIMIT @take";
        command.Parameters.AddWithValue("after", window.AfterRowId ?? 0);
        command.Parameters.AddWithValue("to", window.ToRowId);
        command.Parameters.AddWithValue("take", batchSize);
        command.Parameters.AddWithValue("t", after.EventTimeMs);
        command.Parameters.AddWithValue("id", after.RowId);
        return new PostgreSqlExportEventReader(connection, command, shape, batchSize);
    }

    public async Task<DateTime?> OldestEventTimeAfterAsync(long rowId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT min(\"EventTimeUtc\") FROM \"AuditEvents\" WHERE \"Id\" > @after", connection);
        command.Parameters.AddWithValue("after", rowId);
        return await command.ExecuteScalarAsync(ct) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;
    }

    private static string And(string where) => where.Length == 0 ? " WHERE " : where + " AND ";

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
