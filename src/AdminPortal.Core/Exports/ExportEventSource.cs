using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using static AdminPortal.Core.Exports.ExportEventSql;

namespace AdminPortal.Core.Exports;

/// <summary>
/// <see cref="IExportEventSource"/> on SQLite: reads a window in keyset batches ordered by event time, so that each time
/// partition is read in one stretch.
/// </summary>
public sealed class ExportEventSource(IOptions<DatabaseOptions> database) : IExportEventSource
{
    /// <summary>
    /// For an element with free text, the newest the search index has reached (<paramref name="searched"/>): the events
    /// it has not, which the search cannot match yet, wait for the next run instead of being passed over by the watermark.
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

    public async Task<DateTime?> IngestedAtAsync(long rowId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"IngestedAtUtc\" FROM \"AuditEvents\" WHERE \"Id\" = $id";
        command.Parameters.AddWithValue("$id", rowId);
        return await TimeAsync(command, ct);
    }

    public async Task<ExportCursor?> StartAsync(ExportWindow window, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var (table, id) = window.Plan("e");
        var inWindow = InWindow(window, command, SqliteAuditSql.Indexed, id);
        command.CommandText = window.IsSmall
            ? $"SELECT min(e.\"EventTimeUtc\") FROM {table}{inWindow}"
            : $"SELECT e.\"EventTimeUtc\" FROM {table}{inWindow} ORDER BY e.\"EventTimeUtc\" LIMIT 1";
        return await command.ExecuteScalarAsync(ct) is long ms ? new ExportCursor(ms, 0) : null;
    }

    public Task<ExportEventReader> ReadAsync(ExportWindow window, ExportRowShape shape, ExportCursor after, int batchSize, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var command = new SqliteCommand();
        var (table, id) = window.Plan("e");
        // The row value comparison lets a (…, EventTimeUtc) index with its rowid resume exactly at the cursor.
        var inWindow = InWindow(window, command, SqliteAuditSql.Indexed, id,
            also: "(e.\"EventTimeUtc\", e.\"Id\") > ($t, $id)");
        var sql = $"SELECT {shape.SelectList} FROM {table}{shape.Joins}{inWindow} ORDER BY e.\"EventTimeUtc\", e.\"Id\" LIMIT $take";
        return Task.FromResult<ExportEventReader>(SqliteExportEventReader.Open(database.Value, sql, command.Parameters, shape, after, batchSize));
    }

    public async Task<ExportEventBuckets> CountByTimeAsync(ExportWindow window, long bucketMs, int maxBuckets, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        var (table, id) = window.Plan("e");
        var inWindow = InWindow(window, command, SqliteAuditSql.Indexed, id);
        command.CommandText = $"SELECT {FloorBucket("$bucket")}, count(*) FROM {table}{inWindow} GROUP BY b ORDER BY b LIMIT $take";
        command.Parameters.AddWithValue("$bucket", bucketMs);
        command.Parameters.AddWithValue("$take", maxBuckets + 1);
        return await ReadBucketsAsync(command, maxBuckets, ct);
    }

    public async Task<DateTime?> OldestEventTimeAfterAsync(long rowId, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(database.Value.ConnectionString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT min(\"EventTimeUtc\") FROM \"AuditEvents\" WHERE \"Id\" > $after";
        command.Parameters.AddWithValue("$after", rowId);
        return await TimeAsync(command, ct);
    }

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
