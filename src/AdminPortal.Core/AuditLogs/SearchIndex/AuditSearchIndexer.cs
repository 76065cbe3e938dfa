using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>
/// Adds stored events to the full-text index after ingestion rather than during it: FTS5's work took 45% of each
/// ingestion batch (bench/). The index lives in a file of its own (<see cref="SearchIndexFile"/>), so indexing never
/// holds the database's write lock; a watermark row beside it says up to which id events are indexed. Retention deletes
/// from the index only at or below the watermark, since telling FTS5 to delete a row it never indexed corrupts it:
/// the two take turns on <see cref="AuditWriteGate.EnterSearchIndexAsync"/>.
/// </summary>
public sealed class AuditSearchIndexer(IOptions<DatabaseOptions> database, IOptions<SearchIndexOptions> options, AuditWriteGate gate)
{
    private const string Index = SearchIndexFile.Schema + ".\"" + SearchIndexFile.Table + "\"";
    private const string Watermark = SearchIndexFile.Schema + ".\"" + SearchIndexFile.WatermarkTable + "\"";

    private static readonly string IndexSql =
        $"INSERT INTO {Index}(rowid, {SearchIndexFile.Columns}) SELECT \"Id\", {SearchIndexFile.Columns} FROM main.\"AuditEvents\" WHERE \"Id\" > $after AND \"Id\" <= $upTo";

    /// <summary>The watermark and the newest id, read in one snapshot (on a connection with the index attached).</summary>
    internal const string StatusSql =
        $"SELECT {SearchIndexFile.WatermarkSql}, coalesce((SELECT max(\"Id\") FROM main.\"AuditEvents\"), 0)";

    /// <summary>
    /// Removes the index entries of the events the subquery <paramref name="ids"/> names, those at or below the
    /// watermark (the indexed ones), with the values they were indexed with. Run before the events are deleted,
    /// under <see cref="AuditWriteGate.EnterSearchIndexAsync"/>.
    /// </summary>
    internal static string DeleteSql(string ids) =>
        $"INSERT INTO {Index}(\"{SearchIndexFile.Table}\", rowid, {SearchIndexFile.Columns}) " +
        $"SELECT 'delete', \"Id\", {SearchIndexFile.Columns} FROM main.\"AuditEvents\" " +
        $"WHERE \"Id\" IN ({ids}) AND \"Id\" <= {SearchIndexFile.WatermarkSql}";

    public async Task<SearchIndexStatus> StatusAsync(CancellationToken ct = default)
    {
        await using var connection = await SearchIndexFile.OpenSearchingAsync(database.Value, ct);
        return await StatusAsync(connection, null, ct);
    }

    internal static async Task<SearchIndexStatus> StatusAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = StatusSql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new SearchIndexStatus(reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Indexes the next chunk of waiting events; returns how many ids it moved the watermark past (0: none waited).</summary>
    public async Task<long> IndexNextAsync(CancellationToken ct = default)
    {
        using var _ = await gate.EnterSearchIndexAsync(ct);
        await using var connection = await SearchIndexFile.OpenSearchingAsync(database.Value, ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA {SearchIndexFile.Schema}.cache_size = -65536;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        // Deferred: the database is only read (its writers go on), and the index file's one writer besides the
        // indexer, retention, waits for the same gate.
        await using var transaction = connection.BeginTransaction(deferred: true);
        var status = await StatusAsync(connection, transaction, ct);
        if (status.Pending == 0)
        {
            return 0;
        }

        var upTo = Math.Min(status.LastId, status.IndexedUpToId + options.Value.ChunkSize);
        await using (var index = connection.CreateCommand())
        {
            index.Transaction = transaction;
            index.CommandText = IndexSql;
            index.Parameters.AddWithValue("$after", status.IndexedUpToId);
            index.Parameters.AddWithValue("$upTo", upTo);
            await index.ExecuteNonQueryAsync(ct);
        }

        await using (var watermark = connection.CreateCommand())
        {
            watermark.Transaction = transaction;
            watermark.CommandText = $"INSERT OR REPLACE INTO {Watermark} (\"Id\", \"IndexedUpToId\") VALUES (1, $upTo)";
            watermark.Parameters.AddWithValue("$upTo", upTo);
            await watermark.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return upTo - status.IndexedUpToId;
    }

    /// <summary>Indexes every waiting event (after seeding, and in tests).</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        while (await IndexNextAsync(ct) > 0)
        {
        }
    }
}
