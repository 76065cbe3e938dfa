using System.Data.Common;
using System.Runtime.CompilerServices;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>Reads AUDIT_LOGS for the explorer, the event drawer, the chart and the CSV download, on SQLite.</summary>
public sealed class AuditEventReader(IOptions<DatabaseOptions> database) : IAuditEventQueries
{
    /// <summary>Counts are exact up to here; past it the page says "more than".</summary>
    public const long ExactCountLimit = 1_000_000;

    /// <summary>With free text, counts are exact up to here: a common word matches hundreds of thousands of rows.</summary>
    public const long SearchCountLimit = 10_000;

    internal static long CountLimit(AuditQuery query) => AuditSql.FtsQuery(query.Search) is null ? ExactCountLimit : SearchCountLimit;

    internal static readonly string SelectColumns =
        string.Join(", ", AuditColumns.All.Select(c => "e." + c.Sql).Prepend("e.\"Id\"").Append("e.\"RawJson\""));

    public async Task<AuditPage> PageAsync(AuditQuery query, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var unindexedAfter = await UnindexedAfterAsync(connection, query, ct);
        var rows = new List<AuditEvent>(query.Take);
        await using (var command = connection.CreateCommand())
        {
            PreparePage(command, query, unindexedAfter);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(Read(reader));
            }
        }

        await using (var count = connection.CreateCommand())
        {
            PrepareCount(count, query, unindexedAfter);
            var total = (long)(await count.ExecuteScalarAsync(ct))!;
            var limit = CountLimit(query);
            return new AuditPage(rows, Math.Min(total, limit), total > limit);
        }
    }

    public async Task<AuditEvent?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SelectColumns} FROM \"AuditEvents\" e WHERE e.\"Id\" = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// Events per time bucket for the chart, over the window cut to the stored events' first and last times; the bucket
    /// size follows that window (a minute to whole years), so there are at most <see cref="MaxBuckets"/> of them.
    /// </summary>
    public async Task<IReadOnlyList<HistogramBucket>> HistogramAsync(AuditQuery query, DateTime fromUtc, DateTime toUtc, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        // A custom range of years 1 to 9999 was 3.6 million daily buckets (10 s of CPU, 470 MB a page load): nothing
        // is drawn where no event is stored, and the bucket size follows what is left.
        if (await StoredSpanAsync(connection, ct) is not var (first, last))
        {
            return [];
        }

        (fromUtc, toUtc) = (fromUtc > first ? fromUtc : first, toUtc < last ? toUtc : last);
        if (fromUtc >= toUtc)
        {
            return [];
        }

        var bucketMs = (long)BucketFor(toUtc - fromUtc).TotalMilliseconds;
        var unindexedAfter = await UnindexedAfterAsync(connection, query, ct);
        await using var command = connection.CreateCommand();
        PrepareHistogram(command, query, fromUtc, toUtc, unindexedAfter);
        var counts = new Dictionary<long, long>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                counts[reader.GetInt64(0)] = reader.GetInt64(1);
            }
        }

        return Buckets(fromUtc, toUtc, bucketMs, counts);
    }

    /// <summary>The window cut to the stored events' first and last times (Unix ms; the cut end is just past the last).</summary>
    internal static (DateTime From, DateTime To) CutToStored(DateTime fromUtc, DateTime toUtc, long firstMs, long lastMs)
    {
        var first = AuditEventWriter.FromUnixMs(firstMs);
        var pastLast = AuditEventWriter.FromUnixMs(Math.Min(lastMs + 1, MaxUnixMs));
        return (fromUtc > first ? fromUtc : first, toUtc < pastLast ? toUtc : pastLast);
    }

    /// <summary>Every bucket of the window with its count, empty ones too, so the chart shows quiet hours as zero, not as a gap.</summary>
    internal static List<HistogramBucket> Buckets(DateTime fromUtc, DateTime toUtc, long bucketMs, Dictionary<long, long> counts)
    {
        var buckets = new List<HistogramBucket>();
        for (var b = AuditEventWriter.ToUnixMs(fromUtc) / bucketMs; b * bucketMs < AuditEventWriter.ToUnixMs(toUtc); b++)
        {
            buckets.Add(new HistogramBucket(DateTimeOffset.FromUnixTimeMilliseconds(b * bucketMs).UtcDateTime, counts.GetValueOrDefault(b)));
        }

        return buckets;
    }

    /// <summary>Every event the query matches, in its order, read as the consumer goes (for streamed downloads).</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var unindexedAfter = await UnindexedAfterAsync(connection, query, ct);
        await using var command = connection.CreateCommand();
        var where = new SqliteAuditSql(unindexedAfter).Where(query, command);
        command.CommandText = $"SELECT {SelectColumns} FROM \"AuditEvents\" e{where}{AuditSql.OrderBy(query, "e.")}";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return Read(reader);
        }
    }

    // The statements, apart from running them, so that bench/ can time the very same SQL in the sqlite3 shell.

    /// <summary>One page of whole rows for the query.</summary>
    internal static void PreparePage(SqliteCommand command, AuditQuery query, long? unindexedAfter = null)
    {
        var sql = new SqliteAuditSql(unindexedAfter);
        var where = sql.Where(query, command);
        // Free text in time order: walk the time index newest first and keep the ids the full-text index matched.
        // Left to itself SQLite fetched every match and sorted them (bench/, 485k matches on 5M events: 2.5 s; 1M
        // events in the sqlite3 shell: 537 ms against 48 ms this way).
        var index = AuditSql.FtsQuery(query.Search) is not null && query.SortColumn == nameof(AuditEvent.EventTimeUtc)
            ? " INDEXED BY \"IX_AuditEvents_EventTimeUtc_Id\""
            : "";
        if (sql.After(query, command) is { } after)
        {
            where = (where.Length == 0 ? " WHERE " : where + " AND ") + after;
        }

        // Deferred join: the offset walks an index of ids only, then just one page of whole rows is read.
        command.CommandText =
            $"SELECT {SelectColumns} FROM (SELECT \"Id\" FROM \"AuditEvents\"{index}{where}{AuditSql.OrderBy(query)} LIMIT $take OFFSET $skip) k " +
            $"JOIN \"AuditEvents\" e ON e.\"Id\" = k.\"Id\"{AuditSql.OrderBy(query, "e.")}";
        command.Parameters.AddWithValue("$take", Math.Clamp(query.Take, 1, 1000));
        command.Parameters.AddWithValue("$skip", query.After is null ? Math.Max(0, query.Skip) : 0);
    }

    /// <summary>The number of matching events, counted up to one past <see cref="CountLimit"/>.</summary>
    internal static void PrepareCount(SqliteCommand command, AuditQuery query, long? unindexedAfter = null)
    {
        var where = new SqliteAuditSql(unindexedAfter).Where(query, command);
        command.CommandText = $"SELECT count(*) FROM (SELECT 1 FROM \"AuditEvents\"{where} LIMIT {CountLimit(query) + 1})";
    }

    /// <summary>Counts per non-empty time bucket of the window.</summary>
    internal static void PrepareHistogram(SqliteCommand command, AuditQuery query, DateTime fromUtc, DateTime toUtc, long? unindexedAfter = null)
    {
        var bucketMs = (long)BucketFor(toUtc - fromUtc).TotalMilliseconds;
        if (AuditSql.FtsQuery(query.Search) is not null)
        {
            // Counted per bucket, the full-text match would run once per bucket (bench/: 2.3 s against 54 ms grouped).
            var matching = new SqliteAuditSql(unindexedAfter).Where(query with { FromUtc = fromUtc, ToUtc = toUtc }, command);
            command.CommandText = $"SELECT \"EventTimeUtc\" / {bucketMs} AS b, count(*) FROM \"AuditEvents\"{matching} GROUP BY b ORDER BY b";
            return;
        }

        var where = SqliteAuditSql.Indexed.Where(query with { FromUtc = null, ToUtc = null }, command);
        command.Parameters.AddWithValue("$from", AuditEventWriter.ToUnixMs(fromUtc));
        command.Parameters.AddWithValue("$to", AuditEventWriter.ToUnixMs(toUtc));
        var buckets = $"WITH RECURSIVE k(b) AS (SELECT $from / {bucketMs} UNION ALL SELECT b + 1 FROM k WHERE (b + 1) * {bucketMs} < $to)";
        if (where.Length == 0 && bucketMs % HourMs == 0)
        {
            // Unfiltered, in whole hours: the hours' counts (AuditEventHours, kept by AuditEventWriter and the delete
            // trigger) and the index only for the part-hours at the window's two ends (bench/, 5,000,000 events over
            // 30 days: p95 0.6 ms against 240 ms counted per bucket).
            // Each bucket [lo, hi) is [lo, cl) counted, [cl, fl) in whole hours, [fl, hi) counted.
            command.CommandText =
                $"{buckets}, r(b, lo, hi) AS (SELECT b, max(b * {bucketMs}, $from), min((b + 1) * {bucketMs}, $to) FROM k), " +
                $"c(b, lo, cl, hi) AS (SELECT b, lo, min((lo + {HourMs - 1}) / {HourMs} * {HourMs}, hi), hi FROM r), " +
                $"e(b, lo, cl, fl, hi) AS (SELECT b, lo, cl, max(hi / {HourMs} * {HourMs}, cl), hi FROM c) " +
                "SELECT b, (SELECT count(*) FROM \"AuditEvents\" WHERE \"EventTimeUtc\" >= e.lo AND \"EventTimeUtc\" < e.cl) " +
                "+ (SELECT coalesce(sum(\"Events\"), 0) FROM \"AuditEventHours\" WHERE \"HourUtc\" >= e.cl AND \"HourUtc\" < e.fl) " +
                "+ (SELECT count(*) FROM \"AuditEvents\" WHERE \"EventTimeUtc\" >= e.fl AND \"EventTimeUtc\" < e.hi) FROM e";
            return;
        }

        // One index range count per bucket: grouping by "EventTimeUtc" / bucket sorted every matching row in a temporary
        // B-tree first (bench/, 300,000 events over 30 days: 243 ms grouped, 38 ms per bucket).
        var bucket = $"\"EventTimeUtc\" >= max(k.b * {bucketMs}, $from) AND \"EventTimeUtc\" < min((k.b + 1) * {bucketMs}, $to)";
        command.CommandText =
            $"{buckets} SELECT b, (SELECT count(*) FROM \"AuditEvents\"{(where.Length == 0 ? " WHERE " : where + " AND ")}{bucket}) FROM k";
    }

    private const long HourMs = AuditEventWriter.HourMs;

    /// <summary>The chart's most columns, whatever the window: more than a chart 170 px high can show anyway.</summary>
    public const int MaxBuckets = 500;

    internal static TimeSpan BucketFor(TimeSpan window) => window.TotalHours switch
    {
        <= 2 => TimeSpan.FromMinutes(1),
        <= 26 => TimeSpan.FromMinutes(30),
        <= 8 * 24 => TimeSpan.FromHours(3),
        <= 32 * 24 => TimeSpan.FromHours(12),
        _ => WholeDays(window),
    };

    /// <summary>Past a month: 1, 7, 30, 91 or 365 days, then whole years, the smallest that keeps to <see cref="MaxBuckets"/> (one is kept for the window's unaligned start).</summary>
    private static TimeSpan WholeDays(TimeSpan window)
    {
        foreach (var days in (ReadOnlySpan<int>)[1, 7, 30, 91, 365])
        {
            if (window.TotalDays / days <= MaxBuckets - 1)
            {
                return TimeSpan.FromDays(days);
            }
        }

        return TimeSpan.FromDays(365 * Math.Ceiling(window.TotalDays / 365 / (MaxBuckets - 1)));
    }

    private static readonly long MaxUnixMs = AuditEventWriter.ToUnixMs(DateTime.MaxValue);

    /// <summary>The first event's time and just past the last one's (two ends of the time index); null when the store is empty.</summary>
    private static async Task<(DateTime First, DateTime PastLast)?> StoredSpanAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT min(\"EventTimeUtc\"), min(max(\"EventTimeUtc\") + 1, {MaxUnixMs}) FROM \"AuditEvents\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0))
        {
            return null;
        }

        return (AuditEventWriter.FromUnixMs(reader.GetInt64(0)), AuditEventWriter.FromUnixMs(reader.GetInt64(1)));
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await SearchIndex.SearchIndexFile.OpenSearchingAsync(database.Value, ct);
        UnindexedSearch.Register(connection);
        return connection;
    }

    /// <summary>
    /// For free text: the id past which events still wait for the full-text index (searched without it), or null when
    /// none wait. Read in its own snapshot just before the query's: an event indexed in between is found twice over,
    /// which the OR of the two conditions makes harmless.
    /// </summary>
    private static async Task<long?> UnindexedAfterAsync(SqliteConnection connection, AuditQuery query, CancellationToken ct)
    {
        if (AuditSql.FtsQuery(query.Search) is null)
        {
            return null;
        }

        var status = await SearchIndex.AuditSearchIndexer.StatusAsync(connection, null, ct);
        return status.Pending > 0 ? status.IndexedUpToId : null;
    }

    internal static AuditEvent Read(DbDataReader r)
    {
        var e = new AuditEvent { Id = r.GetInt64(0) };
        var i = 1;
        foreach (var column in AuditColumns.All)
        {
            var ordinal = i++;
            if (r.IsDBNull(ordinal))
            {
                continue;
            }

            AuditEventValues.Set(e, column.Name, r.GetValue(ordinal));
        }

        e.RawJson = r.IsDBNull(i) ? null : r.GetString(i);
        return e;
    }
}
