using System.Data.Common;
using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Core.Exports;

/// <summary>
/// What the two export sources (<see cref="ExportEventSource"/> on SQLite, <see cref="PostgreSqlExportEventSource"/>)
/// write alike: the same SQL but for the parameter prefix ($ and @), and the same reading of its results.
/// </summary>
internal static class ExportEventSql
{
    /// <summary>
    /// The bucket of an event time (<paramref name="bucket"/>: the parameter holding the bucket's length in ms), rounded
    /// down also before 1970 (integer division rounds toward zero on both).
    /// </summary>
    public static string FloorBucket(string bucket) =>
        $"CASE WHEN e.\"EventTimeUtc\" >= 0 THEN e.\"EventTimeUtc\" / {bucket} ELSE (e.\"EventTimeUtc\" + 1) / {bucket} - 1 END AS b";

    /// <summary>The filters' WHERE clause followed by AND, or a bare WHERE when there are none.</summary>
    public static string And(string where) => where.Length == 0 ? " WHERE " : where + " AND ";

    /// <summary>
    /// The WHERE clause of a window's events, for a FROM "AuditEvents" aliased e: the element's filters in the provider's
    /// explorer SQL (<paramref name="sql"/>), then <paramref name="also"/> when given, then the window's row id range;
    /// their values are added to <paramref name="command"/> as parameters. <paramref name="id"/>: how the row id is
    /// written (<see cref="ExportWindow.Plan"/> on SQLite).
    /// </summary>
    public static string InWindow(ExportWindow window, DbCommand command, AuditSql sql, string id, string also = "")
    {
        var filters = sql.Where(window.Query, command, "e.");
        var (after, to) = (sql.ParameterPrefix + "after", sql.ParameterPrefix + "to");
        AuditSql.AddParameter(command, after, window.AfterRowId ?? 0);
        AuditSql.AddParameter(command, to, window.ToRowId);
        return $"{And(filters)}{(also.Length == 0 ? "" : also + " AND ")}{id} > {after} AND {id} <= {to}";
    }

    /// <summary>A time stored as Unix milliseconds, read as the command's one value; null when there is none.</summary>
    public static async Task<DateTime?> TimeAsync(DbCommand command, CancellationToken ct) =>
        await command.ExecuteScalarAsync(ct) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null;

    /// <summary>The rows of a bucket count (bucket, rows), the one past <paramref name="maxBuckets"/> telling that there are more.</summary>
    public static async Task<ExportEventBuckets> ReadBucketsAsync(DbCommand command, int maxBuckets, CancellationToken ct)
    {
        var buckets = new List<(long, long)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (buckets.Count == maxBuckets)
            {
                return new ExportEventBuckets(buckets, Capped: true);
            }

            buckets.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return new ExportEventBuckets(buckets, Capped: false);
    }
}
