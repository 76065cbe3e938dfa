using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The events a run exports: row ids after <see cref="AfterRowId"/> up to <see cref="ToRowId"/> (the newest row when the
/// window was taken, so rows ingested during the run wait for the next one), matching the element's filters and, for a
/// full snapshot, its event-time range.
/// </summary>
public sealed record ExportWindow(long? AfterRowId, long ToRowId, DateTime? FromEventTimeUtc, DateTime? ToEventTimeUtc, string? Search, IReadOnlyList<AuditFilter> Filters)
{
    /// <summary>
    /// Up to this many row ids, a window is read by its row id range and sorted (an incremental run's usual window);
    /// past it, by the time-ordered indexes. Sorting a range costs its size once per batch, so it must stay small
    /// (SQLite left to itself sorted whole 200,000-row windows for every batch of a snapshot).
    /// </summary>
    public const long SmallWindowRows = 50_000;

    internal AuditQuery Query => new() { FromUtc = FromEventTimeUtc, ToUtc = ToEventTimeUtc, Search = Search, Filters = Filters };

    /// <summary>Tests lower it to read a small window the way a large one is read.</summary>
    internal long SmallWindowLimit { get; init; } = SmallWindowRows;

    internal bool IsSmall => ToRowId - (AfterRowId ?? 0) <= SmallWindowLimit;

    /// <summary>How the table is read and how the id bounds are written, per the window's size (see <see cref="SmallWindowRows"/>).</summary>
    internal (string Table, string Id) Plan(string alias) => IsSmall
        // NOT INDEXED still lets SQLite seek the rowid range; it only keeps the other indexes out.
        ? ($"\"AuditEvents\" {alias} NOT INDEXED", $"{alias}.\"Id\"")
        // A unary + keeps the rowid range from driving the scan: the time (or filter, time) index does, in export order.
        : ($"\"AuditEvents\" {alias}", $"+{alias}.\"Id\"");
}

/// <summary>A position in the export order (event time, then row id): the keyset the next batch starts after.</summary>
public readonly record struct ExportCursor(long EventTimeMs, long RowId)
{
    public static ExportCursor Before(DateTime eventTimeUtc) => new(AuditEventWriter.ToUnixMs(eventTimeUtc), 0);
}

/// <summary>Reads a window in keyset batches ordered by event time, so that each time partition is read in one stretch.</summary>
public sealed class ExportEventSource(IOptions<DatabaseOptions> database)
{
    /// <summary>
    /// The newest row id and its ingestion time: the upper bound of a window taken now. For an element with free text,
    /// the newest the search index has reached (<paramref name="searched"/>): the events it has not, which the search
    /// cannot match yet, wait for the next run instead of being passed over by the watermark.
    /// </summary>
    public async Task<(long RowId, DateTime? IngestedAtUtc)> NewestAsync(bool searched, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = searched
            ? $"SELECT \"Id\", \"IngestedAtUtc\" FROM \"AuditEvents\" WHERE \"Id\" <= {SearchIndexFile.WatermarkSql} ORDER BY \"Id\" DESC LIMIT 1"
            : "SELECT \"Id\", \"IngestedAtUtc\" FROM \"AuditEvents\" ORDER BY \"Id\" DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)).UtcDateTime)
            : (0, null);
    }

    /// <summary>The ingestion time of a row, for the watermark people read; null when retention already removed it.</summary>
    public async Task<DateTime?> IngestedAtAsync(long rowId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"IngestedAtUtc\" FROM \"AuditEvents\" WHERE \"Id\" = $id";
        command.Parameters.AddWithValue("$id", rowId);
        return await command.ExecuteScalarAsync(ct) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;
    }

    /// <summary>
    /// Where reading starts: just before the oldest event time of the window. An incremental window is a short range of
    /// row ids, so this costs little, and the time-ordered scan then skips the events exported long ago.
    /// </summary>
    public async Task<ExportCursor?> StartAsync(ExportWindow window, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var where = AuditSql.Where(window.Query, command, "e.");
        var (table, id) = window.Plan("e");
        command.CommandText = window.IsSmall
            ? $"SELECT min(e.\"EventTimeUtc\") FROM {table}{And(where)}{id} > $after AND {id} <= $to"
            : $"SELECT e.\"EventTimeUtc\" FROM {table}{And(where)}{id} > $after AND {id} <= $to ORDER BY e.\"EventTimeUtc\" LIMIT 1";
        command.Parameters.AddWithValue("$after", window.AfterRowId ?? 0);
        command.Parameters.AddWithValue("$to", window.ToRowId);
        return await command.ExecuteScalarAsync(ct) is long ms ? new ExportCursor(ms, 0) : null;
    }

    /// <summary>
    /// The window's events after <paramref name="after"/>, in export order, read in keyset batches of
    /// <paramref name="batchSize"/> (one short read transaction each) as the caller steps through them.
    /// </summary>
    public Task<ExportEventReader> ReadAsync(ExportWindow window, ExportRowShape shape, ExportCursor after, int batchSize, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var command = new SqliteCommand();
        var where = AuditSql.Where(window.Query, command, "e.");
        var (table, id) = window.Plan("e");
        // The row value comparison lets a (…, EventTimeUtc) index with its rowid resume exactly at the cursor.
        var sql =
            $"SELECT {shape.SelectList} FROM {table}{And(where)}(e.\"EventTimeUtc\", e.\"Id\") > ($t, $id) " +
            $"AND {id} > $after AND {id} <= $to ORDER BY e.\"EventTimeUtc\", e.\"Id\" LIMIT $take";
        command.Parameters.AddWithValue("$after", window.AfterRowId ?? 0);
        command.Parameters.AddWithValue("$to", window.ToRowId);
        return Task.FromResult(ExportEventReader.Open(database.Value, sql, command.Parameters, shape, after, batchSize));
    }

    private static string And(string where) => where.Length == 0 ? " WHERE " : where + " AND ";

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        // A workbook element's free text reads the search index.
        var connection = await SearchIndexFile.OpenSearchingAsync(database.Value, ct);
        await using var pragma = connection.CreateCommand();
        // A pooled connection keeps the page cache its last user set: AuditEventWriter's 256 MiB would let one export
        // fill 256 MiB with pages it reads once (bench/: +264 MB resident over 1,000,000 events). 8 MiB is plenty here.
        pragma.CommandText = "PRAGMA cache_size = -8192";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }
}
