using System.Text.RegularExpressions;
using AdminPortal.Core.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>
/// <see cref="IAuditEventPurge"/> on PostgreSQL (migration AuditEventsPartitioned): each monthly partition that ends at or
/// before the cutoff is dropped whole, and the month the cutoff falls in (with the DEFAULT partition) is trimmed by
/// DELETE in batches. A dropped partition fires no trigger: its hours and event ids are taken off here, in the same
/// transaction as the DROP.
/// </summary>
public sealed partial class PostgreSqlAuditEventPurge(
    IOptions<DatabaseOptions> database,
    IOptions<RetentionOptions> options,
    ILogger<PostgreSqlAuditEventPurge> logger) : IAuditEventPurge
{
    // The partitions of "AuditEvents" with their bounds; DEFAULT has none and is trimmed, never dropped.
    private const string Partitions = """
        SELECT c.oid::regclass::text, pg_get_expr(c.relpartbound, c.oid)
        FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = '"AuditEvents"'::regclass
        """;

    // The oldest events past the cutoff, a batch at a time; the delete trigger takes them off their hours and ids.
    private const string TrimBatch = """
        DELETE FROM "AuditEvents" WHERE ("Id", "EventTimeUtc") IN (
            SELECT "Id", "EventTimeUtc" FROM "AuditEvents" WHERE "EventTimeUtc" < @cutoff ORDER BY "EventTimeUtc", "Id" LIMIT @batch)
        """;

    public async Task<long> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        var cutoff = AuditEventWriter.ToUnixMs(cutoffUtc);
        long deleted = 0;
        await using var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        foreach (var (partition, from, to) in await PartitionsAsync(connection, ct))
        {
            if (to <= cutoff)
            {
                deleted += await DropAsync(connection, partition, from, to, ct);
            }
        }

        while (!ct.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand(TrimBatch, connection);
            command.Parameters.AddWithValue("cutoff", cutoff);
            command.Parameters.AddWithValue("batch", options.Value.BatchSize);
            var rows = await command.ExecuteNonQueryAsync(ct);
            deleted += rows;
            if (rows < options.Value.BatchSize)
            {
                break;
            }
        }

        return deleted;
    }

    /// <summary>The monthly partitions and their [from, to) in Unix ms, oldest first.</summary>
    private static async Task<List<(string Name, long From, long To)>> PartitionsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var partitions = new List<(string, long, long)>();
        await using var command = new NpgsqlCommand(Partitions, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (Bounds().Match(reader.GetString(1)) is { Success: true } bounds)
            {
                partitions.Add((reader.GetString(0), long.Parse(bounds.Groups[1].Value), long.Parse(bounds.Groups[2].Value)));
            }
        }

        return partitions.OrderBy(p => p.Item2).ToList();
    }

    /// <summary>Drops one month whole: its event ids and hours go in the same transaction, so a crash leaves all or none.</summary>
    private async Task<long> DropAsync(NpgsqlConnection connection, string partition, long from, long to, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        async Task<long> RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("from", from);
            command.Parameters.AddWithValue("to", to);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L);
        }

        // partition is the catalog's own quoted name (regclass text), never user input. SHARE holds off a writer storing
        // a late event of that month until the drop, readers still go on; the DROP below then locks the parent table.
        await RunAsync($"LOCK TABLE {partition} IN SHARE MODE");
        var rows = await RunAsync($"SELECT count(*) FROM {partition}");
        await RunAsync($"DELETE FROM \"AuditEventIds\" i USING {partition} p WHERE i.\"EventId\" = p.\"EventId\"");
        // A month's partition holds every event of its hours: the writer never puts a month in DEFAULT once it has one.
        await RunAsync("DELETE FROM \"AuditEventHours\" WHERE \"HourUtc\" >= @from AND \"HourUtc\" < @to");
        // Last, so that the DROP's exclusive lock on "AuditEvents" (readers wait for it) is held only to the commit.
        await RunAsync($"DROP TABLE {partition}");
        await transaction.CommitAsync(ct);
        logger.LogInformation("Retention dropped partition {Partition} ({Rows} events)", partition, rows);
        return rows;
    }

    [GeneratedRegex(@"FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)")]
    private static partial Regex Bounds();
}
