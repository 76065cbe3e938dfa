using AdminPortal.Core.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>
/// Fills the search vector of the events ingestion stored without one (migration AuditSearchDeferred): computing the
/// vector and inserting it into the GIN index as each row was copied in held ingestion to 15-21k rows/s (bench/, COPY
/// FROM into the table: 54k with the b-trees alone). A pending event has a NULL "SearchVector" and an entry in the partial
/// index "IX_AuditEvents_SearchPending"; free text reads pending events without the index
/// (<see cref="Explorer.PostgreSqlAuditSql"/>), so results do not depend on how far this has come. Each node runs one
/// (<see cref="AuditSearchIndexerService"/>): FOR UPDATE SKIP LOCKED gives concurrent indexers disjoint chunks, and
/// an indexer never waits for a row another transaction holds (retention's DELETE, another node), so it deadlocks with
/// none of them.
/// </summary>
public sealed class PostgreSqlAuditSearchIndexer(IOptions<DatabaseOptions> database, IOptions<SearchIndexOptions> options)
{
    /// <summary>The vector of the row <paramref name="alias"/> names, as the migration's function computes it.</summary>
    internal static string VectorOf(string alias) =>
        "\"AuditSearchVector\"(" + string.Join(", ", AuditEventWriter.FtsColumns.Select(c => $"{alias}\"{c}\"")) + ")";

    // No ORDER BY: the oldest first would make the plan merge every partition's pending index; any pending rows will do.
    private static readonly string IndexSql = $"""
        UPDATE "AuditEvents" e SET "SearchVector" = {VectorOf("e.")}
        FROM (SELECT "Id", "EventTimeUtc" FROM "AuditEvents" WHERE "SearchVector" IS NULL LIMIT @chunk FOR UPDATE SKIP LOCKED) p
        WHERE e."Id" = p."Id" AND e."EventTimeUtc" = p."EventTimeUtc"
        """;

    /// <summary>Indexes the next chunk of pending events (<see cref="SearchIndexOptions.ChunkSize"/>); returns how many (0: none waited).</summary>
    public async Task<int> IndexNextAsync(CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(IndexSql, connection);
        command.Parameters.AddWithValue("chunk", options.Value.ChunkSize);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Indexes every pending event (the bench after seeding, and tests).</summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        while (await IndexNextAsync(ct) > 0)
        {
        }
    }

    /// <summary>How many events wait for their search vector, counted up to <paramref name="limit"/>.</summary>
    public async Task<long> PendingAsync(long limit = long.MaxValue, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM (SELECT 1 FROM \"AuditEvents\" WHERE \"SearchVector\" IS NULL LIMIT @limit) p", connection);
        command.Parameters.AddWithValue("limit", limit);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
