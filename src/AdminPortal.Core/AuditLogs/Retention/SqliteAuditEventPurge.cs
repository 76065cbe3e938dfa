using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary><see cref="IAuditEventPurge"/> on SQLite: batches of the oldest events, deleted with their search index entries.</summary>
public sealed class SqliteAuditEventPurge(IOptions<DatabaseOptions> database, IOptions<RetentionOptions> options, AuditWriteGate gate) : IAuditEventPurge
{
    // The oldest events past the cutoff; both statements of a batch read it in one transaction, hence the same rows.
    private const string Batch =
        "SELECT \"Id\" FROM main.\"AuditEvents\" WHERE \"EventTimeUtc\" < $cutoff ORDER BY \"EventTimeUtc\", \"Id\" LIMIT $batch";

    public async Task<long> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        long deleted = 0;
        await using var connection = await SearchIndexFile.OpenSearchingAsync(database.Value, ct);
        while (!ct.IsCancellationRequested)
        {
            // One batch at a time under the writers' gate: ingestion and the search indexer go in between, and the
            // index's watermark cannot move meanwhile.
            using var _ = await gate.EnterSearchIndexAsync(ct);
            using var __ = await gate.EnterAsync(ct);
            // IMMEDIATE locks the database and the attached index. At commit SQLite writes the database first: a crash
            // in between leaves index entries of deleted events, which searches never return (they read events by
            // rowid), rather than deleted entries of kept events, which the next run would delete again.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            var rows = 0;
            foreach (var sql in new[] { AuditSearchIndexer.DeleteSql(Batch), $"DELETE FROM main.\"AuditEvents\" WHERE \"Id\" IN ({Batch})" })
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                command.Parameters.AddWithValue("$cutoff", AuditEventWriter.ToUnixMs(cutoffUtc));
                command.Parameters.AddWithValue("$batch", options.Value.BatchSize);
                rows = await command.ExecuteNonQueryAsync(ct);
            }

            await transaction.CommitAsync(ct);
            deleted += rows;
            if (rows < options.Value.BatchSize)
            {
                break;
            }
        }

        return deleted;
    }
}
