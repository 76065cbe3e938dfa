using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>When the full-text index catches up with ingestion.</summary>
public sealed class SearchIndexOptions
{
    public const string Section = "SearchIndex";

    /// <summary>Events indexed per transaction: about 0.2 s of holding the store's one writer.</summary>
    public int ChunkSize { get; set; } = 20_000;

    /// <summary>Indexing starts once ingestion has been quiet this long.</summary>
    public int IdleMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Past this many events waiting, indexing takes turns with ingestion even while batches keep coming. Searches read
    /// the waiting events without the index, about 2 µs per event per query (bench/, 5M events: 100k waiting added
    /// 0.2 s to each of a search's three queries, 1M waiting 2 s): 250k is about 5 s of ingestion at full rate.
    /// </summary>
    public int MaxPendingEvents { get; set; } = 250_000;
}

/// <summary>How far the full-text index has come: events with a larger id than <see cref="IndexedUpToId"/> wait.</summary>
public sealed record SearchIndexStatus(long IndexedUpToId, long LastId)
{
    public long Pending => Math.Max(0, LastId - IndexedUpToId);
}

/// <summary>
/// Adds stored events to the full-text index (AuditEventsFts) after ingestion rather than during it: FTS5's work took
/// 45% of each ingestion batch (bench/). A watermark row says up to which id events are indexed; the delete and update
/// triggers act only at or below it, since telling an external-content FTS5 table to delete a row it never indexed
/// corrupts it. Every change of the watermark and of the rows around it happens under the <see cref="AuditWriteGate"/>.
/// </summary>
public sealed class AuditSearchIndexer(IOptions<DatabaseOptions> database, IOptions<SearchIndexOptions> options, AuditWriteGate gate)
{
    internal const string WatermarkTable = "AuditEventsFtsWatermark";

    private static readonly string Columns = string.Join(", ", AuditEventWriter.FtsColumns.Select(c => "\"" + c + "\""));

    private static readonly string IndexSql =
        $"INSERT INTO \"AuditEventsFts\"(rowid, {Columns}) SELECT \"Id\", {Columns} FROM \"AuditEvents\" WHERE \"Id\" > $after AND \"Id\" <= $upTo";

    /// <summary>The watermark and the newest id, read in one snapshot.</summary>
    internal const string StatusSql =
        $"SELECT coalesce((SELECT \"IndexedUpToId\" FROM \"{WatermarkTable}\" WHERE \"Id\" = 1), 0), coalesce((SELECT max(\"Id\") FROM \"AuditEvents\"), 0)";

    public async Task<SearchIndexStatus> StatusAsync(CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(database.Value.ConnectionString());
        await connection.OpenAsync(ct);
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
        using var _ = await gate.EnterAsync(ct);
        await using var connection = new SqliteConnection(database.Value.ConnectionString());
        await connection.OpenAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = gate.WriterPragmas + "PRAGMA cache_size = -262144; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
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
            watermark.CommandText = $"INSERT OR REPLACE INTO \"{WatermarkTable}\" (\"Id\", \"IndexedUpToId\") VALUES (1, $upTo)";
            watermark.Parameters.AddWithValue("$upTo", upTo);
            await watermark.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        await using (var pool = connection.CreateCommand())
        {
            pool.CommandText = AuditWriteGate.PoolPragmas;
            await pool.ExecuteNonQueryAsync(ct);
        }

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
