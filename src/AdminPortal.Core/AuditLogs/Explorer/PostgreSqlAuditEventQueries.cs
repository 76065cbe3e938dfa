using System.Runtime.CompilerServices;
using AdminPortal.Core.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// <see cref="IAuditEventQueries"/> on PostgreSQL (migrations AuditEventsPartitioned, AuditSearchWords): every statement
/// bounds "EventTimeUtc" when the query has a time range, so that only the months it covers are read (partition
/// pruning); free text is the GIN-indexed "SearchVector", with the events still waiting for theirs read without it
/// (migration AuditSearchDeferred), so a search finds an event as soon as it is stored, as on SQLite.
/// </summary>
public sealed class PostgreSqlAuditEventQueries(IOptions<DatabaseOptions> database) : IAuditEventQueries
{
    public async Task<AuditPage> PageAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var rows = new List<AuditEvent>(Math.Clamp(query.Take, 1, 1000));
        await using (var command = connection.CreateCommand())
        {
            PreparePage(command, query);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(AuditEventReader.Read(reader));
            }
        }

        await using (var count = connection.CreateCommand())
        {
            PrepareCount(count, query);
            var total = (long)(await count.ExecuteScalarAsync(ct))!;
            var limit = AuditEventReader.CountLimit(query);
            return new AuditPage(rows, Math.Min(total, limit), total > limit);
        }
    }

    public async Task<AuditEvent?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditEventReader.SelectColumns} FROM \"AuditEvents\" e WHERE e.\"Id\" = @id";
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? AuditEventReader.Read(reader) : null;
    }

    public async Task<IReadOnlyList<HistogramBucket>> HistogramAsync(AuditQuery query, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using (var span = connection.CreateCommand())
        {
            // min and max each read one end of one partition's time index.
            span.CommandText = "SELECT min(\"EventTimeUtc\"), max(\"EventTimeUtc\") FROM \"AuditEvents\"";
            await using var reader = await span.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
            {
                return [];
            }

            (fromUtc, toUtc) = AuditEventReader.CutToStored(fromUtc, toUtc, reader.GetInt64(0), reader.GetInt64(1));
        }

        if (fromUtc >= toUtc)
        {
            return [];
        }

        var bucketMs = (long)AuditEventReader.BucketFor(toUtc - fromUtc).TotalMilliseconds;
        await using var command = connection.CreateCommand();
        PrepareHistogram(command, query, fromUtc, toUtc);
        var counts = new Dictionary<long, long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        return AuditEventReader.Buckets(fromUtc, toUtc, bucketMs, counts);
    }

    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = PostgreSqlAuditSql.Instance.Where(query, command, "e.");
        command.CommandText = $"SELECT {AuditEventReader.SelectColumns} FROM \"AuditEvents\" e{where}{AuditSql.OrderBy(query, "e.")}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return AuditEventReader.Read(reader);
        }
    }

    // The statements, apart from running them, so that bench/ can time the very same SQL in psql.

    /// <summary>
    /// One page of whole rows: the ORDER BY is an index's order (time and id, or a filter column and time), so the plan
    /// walks it and stops at the page; a next page (<see cref="AuditQuery.After"/>) starts the walk at the key. A page
    /// jumped to by its number (<see cref="AuditQuery.Skip"/>) is a deferred join unless <paramref name="deferredJoin"/>
    /// is false (bench/ times the plain statement beside it): the rows skipped are walked as keys only, an index-only scan
    /// of (time, id) when the order is the time's, and only the page's rows are read whole.
    /// </summary>
    internal static void PreparePage(NpgsqlCommand command, AuditQuery query, bool deferredJoin = true)
    {
        var take = Math.Clamp(query.Take, 1, 1000);
        if (query.After is null && query.Skip > 0 && deferredJoin)
        {
            command.CommandText =
                $"SELECT {AuditEventReader.SelectColumns} FROM (SELECT k.\"Id\", k.\"EventTimeUtc\" FROM \"AuditEvents\" k" +
                $"{PostgreSqlAuditSql.Instance.Where(query, command, "k.")}{AuditSql.OrderBy(query, "k.")} LIMIT @take OFFSET @skip) p " +
                $"JOIN \"AuditEvents\" e ON e.\"Id\" = p.\"Id\" AND e.\"EventTimeUtc\" = p.\"EventTimeUtc\"{AuditSql.OrderBy(query, "e.")}";
            command.Parameters.AddWithValue("take", take);
            command.Parameters.AddWithValue("skip", query.Skip);
            return;
        }

        var where = PostgreSqlAuditSql.Instance.Where(query, command, "e.");
        if (PostgreSqlAuditSql.Instance.After(query, command, "e.") is { } after)
        {
            where = (where.Length == 0 ? " WHERE " : where + " AND ") + after;
        }

        command.CommandText =
            $"SELECT {AuditEventReader.SelectColumns} FROM \"AuditEvents\" e{where}{AuditSql.OrderBy(query, "e.")} LIMIT @take OFFSET @skip";
        command.Parameters.AddWithValue("take", take);
        command.Parameters.AddWithValue("skip", query.After is null ? Math.Max(0, query.Skip) : 0);
    }

    /// <summary>The number of matching events, counted up to one past the count limit.</summary>
    internal static void PrepareCount(NpgsqlCommand command, AuditQuery query)
    {
        var where = PostgreSqlAuditSql.Instance.Where(query, command, "e.");
        command.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM \"AuditEvents\" e{where} LIMIT {AuditEventReader.CountLimit(query) + 1}) c";
    }

    /// <summary>Counts per non-empty time bucket of the window (bucket = Unix ms / bucket size, as on SQLite).</summary>
    internal static void PrepareHistogram(NpgsqlCommand command, AuditQuery query, DateTime fromUtc, DateTime toUtc)
    {
        const long hourMs = AuditEventWriter.HourMs;
        var bucketMs = (long)AuditEventReader.BucketFor(toUtc - fromUtc).TotalMilliseconds;
        var from = AuditEventWriter.ToUnixMs(fromUtc);
        var to = AuditEventWriter.ToUnixMs(toUtc);
        var where = PostgreSqlAuditSql.Instance.Where(query with { FromUtc = null, ToUtc = null }, command);
        command.Parameters.AddWithValue("bucket", bucketMs);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        if (where.Length == 0 && bucketMs % hourMs == 0)
        {
            // Unfiltered, in whole hours: each whole hour lies in one bucket, so the hours' counts (AuditEventHours,
            // kept by the writer, the delete trigger and retention) make the buckets, and only the part-hours at the
            // window's two ends are counted from the events.
            var wholeFrom = (from + hourMs - 1) / hourMs * hourMs;
            var wholeTo = to / hourMs * hourMs;
            if (wholeFrom >= wholeTo)
            {
                (wholeFrom, wholeTo) = (to, to);
            }

            command.Parameters.AddWithValue("wholeFrom", wholeFrom);
            command.Parameters.AddWithValue("wholeTo", wholeTo);
            command.CommandText =
                "SELECT b, sum(n)::bigint FROM (" +
                "SELECT \"HourUtc\" / @bucket AS b, \"Events\" AS n FROM \"AuditEventHours\" WHERE \"HourUtc\" >= @wholeFrom AND \"HourUtc\" < @wholeTo " +
                "UNION ALL SELECT \"EventTimeUtc\" / @bucket, count(*) FROM \"AuditEvents\" WHERE \"EventTimeUtc\" >= @from AND \"EventTimeUtc\" < @wholeFrom GROUP BY 1 " +
                "UNION ALL SELECT \"EventTimeUtc\" / @bucket, count(*) FROM \"AuditEvents\" WHERE \"EventTimeUtc\" >= @wholeTo AND \"EventTimeUtc\" < @to GROUP BY 1" +
                ") x GROUP BY b HAVING sum(n) <> 0";
            return;
        }

        command.CommandText =
            $"SELECT \"EventTimeUtc\" / @bucket AS b, count(*) FROM \"AuditEvents\"{(where.Length == 0 ? " WHERE " : where + " AND ")}" +
            "\"EventTimeUtc\" >= @from AND \"EventTimeUtc\" < @to GROUP BY 1";
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(database.Value.PortalConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }
}
