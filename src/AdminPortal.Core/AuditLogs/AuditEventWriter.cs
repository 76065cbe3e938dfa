using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// Bulk writes to AUDIT_LOGS: one transaction per batch (all or nothing); a re-sent event is not stored twice. On SQLite
/// one prepared statement, INSERT OR IGNORE on the unique event id; on PostgreSQL binary COPY and the event ids' own
/// table (<see cref="PostgreSqlAuditWriteSession"/>). The full-text index follows
/// behind (<see cref="SearchIndex.AuditSearchIndexer"/>).
/// </summary>
public sealed class AuditEventWriter(IOptions<DatabaseOptions> database, TimeProvider clock, AuditWriteGate gate)
{
    // Every column but Id, in AuditColumns order plus RawJson: the one list the statement and the binder share.
    internal static readonly string[] Columns = AuditColumns.All.Select(c => c.Name).Append(nameof(AuditEvent.RawJson)).ToArray();

    // The received UTF-8 of RawJson when ingestion kept it, bound as it is (RowBinder).
    internal static readonly Func<AuditEvent, object?>[] Getters = Columns
        .Select(c => c == nameof(AuditEvent.RawJson) ? e => e.RawJsonUtf8 ?? (object?)e.RawJson : Getter(c))
        .ToArray();

    // Rows are bound by position straight through SQLitePCL.raw: Microsoft.Data.Sqlite looks every parameter up by
    // name on every execution, which for 49 columns cost three times SQLite's own insert work (measured 13.7k rows/s
    // against 45k rows/s for the same rows in the sqlite3 shell; see bench/).
    internal static readonly string InsertSql = InsertSqlFor(1);

    /// <summary>
    /// Rows per INSERT statement for the bulk of a batch. Each execution of a statement opens a cursor on the table and
    /// on each of its seven indexes, and reads and writes the AUTOINCREMENT counter: once per 32 rows instead of per row
    /// took 2-3 µs off the 29-31 µs of CPU a row cost (bench/ --only writer, old and new runs alternating on a shared
    /// machine). 32 rows of 49 columns stay far below SQLite's 32,766 parameters.
    /// </summary>
    internal const int RowsPerStatement = 32;

    internal static readonly string BulkInsertSql = InsertSqlFor(RowsPerStatement);

    private const string FindIdSql = "SELECT \"Id\" FROM \"AuditEvents\" WHERE \"EventId\" = ?";

    /// <summary>An hour in ms: the buckets of AuditEventHours.</summary>
    internal const long HourMs = 3_600_000;

    /// <summary>
    /// Adds a batch's stored events to the events per hour (AuditEventHours, migration 20261122050000). The writer
    /// counts them itself, one statement per hour a batch touches, where a trigger ran an upsert per row: 3 of the
    /// 14-15 µs a row cost (bench/ --only writer). Deletes and updates keep their triggers.
    /// </summary>
    internal const string AddHoursSql =
        "INSERT INTO \"AuditEventHours\" (\"HourUtc\", \"Events\") VALUES (?, ?) ON CONFLICT (\"HourUtc\") DO UPDATE SET \"Events\" = \"Events\" + excluded.\"Events\"";

    private static string InsertSqlFor(int rows)
    {
        var values = "(" + string.Join(", ", Columns.Select(_ => "?")) + ")";
        return $"INSERT OR IGNORE INTO \"AuditEvents\" ({string.Join(", ", Columns.Select(c => "\"" + c + "\""))}) " +
            $"VALUES {string.Join(", ", Enumerable.Repeat(values, rows))}";
    }

    /// <summary>The columns of the FTS5 index (SearchIndex/SearchIndexFile).</summary>
    internal static readonly string[] FtsColumns =
    [
        nameof(AuditEvent.EventId), nameof(AuditEvent.Login), nameof(AuditEvent.Identity), nameof(AuditEvent.Action),
        nameof(AuditEvent.CodeLabel), nameof(AuditEvent.TargetName), nameof(AuditEvent.DisplayLabel), nameof(AuditEvent.Payload),
    ];

    public async Task<StoreResult> StoreAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        if (events.Count == 0)
        {
            return new StoreResult(0, []);
        }

        await using var session = await BeginAsync(ct, keepDuplicateIds: true);
        await session.WriteAsync(events, ct);
        await session.CommitAsync(ct);
        return new StoreResult(session.Stored, session.DuplicateIds);
    }

    /// <summary>
    /// Starts one transaction that chunks of a batch are written into as they are read, so that a large batch is
    /// never held whole in memory, and that stores all of them or (disposed without commit) none. On SQLite it holds the
    /// write gate until disposed: feed it from a source that is already at hand (a spooled request body), not a slow peer.
    /// </summary>
    public async Task<IAuditWriteSession> BeginAsync(CancellationToken ct = default, bool keepDuplicateIds = false)
    {
        if (database.Value.Provider == DatabaseProvider.PostgreSQL)
        {
            // Not one writer at a time on PostgreSQL: the server orders concurrent writers (ids claimed in sort order,
            // hours in ascending order) as it orders the writers of several nodes, and the batches of one node then
            // use both cores (bench/, HTTP on PostgreSQL: 11.0k events/s one at a time, 12.9k beside each other, COPY
            // FROM of the same rows 13.0k).
            var entered = gate.EnterBesideIngestion();
            try
            {
                return await PostgreSqlAuditWriteSession.BeginAsync(
                    database.Value.ContextConnectionString(), entered, clock.GetUtcNow().UtcDateTime, keepDuplicateIds, ct);
            }
            catch
            {
                entered.Dispose();
                throw;
            }
        }

        var gateHeld = await gate.EnterForIngestionAsync(ct);

        SqliteConnection? connection = null;
        try
        {
            connection = new SqliteConnection(database.Value.ConnectionString());
            await connection.OpenAsync(ct);
            await using (var pragma = connection.CreateCommand())
            {
                // Several indexes take random inserts: a large page cache keeps their hot pages in memory, and in WAL
                // mode NORMAL sync is still durable across a process crash (only an OS crash may lose the last commit).
                // Checkpoints (copying the WAL into the database, with an fsync) run beside the writer, not at its
                // commits (AuditCheckpointService): they took 20-40% of a batch's time here (bench/).
                pragma.CommandText = gate.WriterPragmas(database.Value) + "PRAGMA cache_size = -262144; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;";
                await pragma.ExecuteNonQueryAsync(ct);
            }

            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            return new SqliteAuditWriteSession(connection, transaction, gateHeld, clock.GetUtcNow().UtcDateTime, keepDuplicateIds);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            gateHeld.Dispose();
            throw;
        }
    }

    internal static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    internal static long LastId(sqlite3 db)
    {
        using var max = Prepare(db, "SELECT coalesce(max(\"Id\"), 0) FROM \"AuditEvents\"");
        Check(db, raw.sqlite3_step(max) == raw.SQLITE_ROW ? raw.SQLITE_OK : raw.sqlite3_errcode(db));
        return raw.sqlite3_column_int64(max, 0);
    }

    // Integer division as SQLite's (towards zero), as the delete trigger computes an event's hour.
    internal static long HourOf(AuditEvent e) => ToUnixMs(e.EventTimeUtc) / HourMs * HourMs;

    /// <summary>
    /// Which rows of one statement were ignored as already stored: a row whose event id has an id from before the
    /// statement (at most <paramref name="lastIdBefore"/>), or that repeats an event id earlier in the same statement.
    /// An ignored row may still have used up an AUTOINCREMENT id, so the stored ones are not told apart by counting.
    /// </summary>
    internal static List<int> FindDuplicates(sqlite3 db, IReadOnlyList<AuditEvent> events, int first, int rows, long lastIdBefore)
    {
        var duplicates = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var find = Prepare(db, FindIdSql);
        for (var row = first; row < first + rows; row++)
        {
            var eventId = events[row].EventId;
            Check(db, raw.sqlite3_bind_text(find, 1, eventId));
            var stored = raw.sqlite3_step(find) == raw.SQLITE_ROW && raw.sqlite3_column_int64(find, 0) > lastIdBefore;
            raw.sqlite3_reset(find);
            if (!seen.Add(eventId) || !stored)
            {
                duplicates.Add(row);
            }
        }

        return duplicates;
    }

    internal static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

        /// <summary>A column's stored value.</summary>
    internal static object? ValueOf(AuditEvent e, string column) => Getter(column)(e);

    /// <summary>
    /// Reads one column's stored value (times as Unix milliseconds, enums by name). Resolved once per column, not per
    /// row: a string switch per column per row cost about 2 s per million events when seeding.
    /// </summary>
    internal static Func<AuditEvent, object?> Getter(string column) => column switch
    {
        nameof(AuditEvent.EventId) => e => e.EventId,
        nameof(AuditEvent.EventTimeUtc) => e => ToUnixMs(e.EventTimeUtc),
        nameof(AuditEvent.IngestedAtUtc) => e => ToUnixMs(e.IngestedAtUtc),
        nameof(AuditEvent.Tenant) => e => e.Tenant,
        nameof(AuditEvent.Datasource) => e => e.Datasource,
        nameof(AuditEvent.ExternalRef) => e => e.ExternalRef,
        nameof(AuditEvent.Family) => e => e.Family,
        nameof(AuditEvent.WhereSource) => e => e.WhereSource,
        nameof(AuditEvent.WhereDestination) => e => e.WhereDestination,
        nameof(AuditEvent.Login) => e => e.Login,
        nameof(AuditEvent.Repository) => e => e.Repository,
        nameof(AuditEvent.Identity) => e => e.Identity,
        nameof(AuditEvent.Session) => e => e.Session,
        nameof(AuditEvent.Category) => e => e.Category,
        nameof(AuditEvent.Code) => e => e.Code,
        nameof(AuditEvent.CodeLabel) => e => e.CodeLabel,
        nameof(AuditEvent.Action) => e => e.Action,
        nameof(AuditEvent.Payload) => e => e.Payload,
        nameof(AuditEvent.Status) => e => e.Status?.ToString(),
        nameof(AuditEvent.Count) => e => e.Count,
        nameof(AuditEvent.DisplayLabel) => e => e.DisplayLabel,
        nameof(AuditEvent.TargetType) => e => e.TargetType?.ToString(),
        nameof(AuditEvent.TargetName) => e => e.TargetName,
        nameof(AuditEvent.TargetParent) => e => e.TargetParent,
        nameof(AuditEvent.SecondTarget) => e => e.SecondTarget,
        nameof(AuditEvent.OldValue) => e => e.OldValue,
        nameof(AuditEvent.NewValue) => e => e.NewValue,
        nameof(AuditEvent.DataJson) => e => e.DataJson,
        nameof(AuditEvent.RawJson) => e => e.RawJson,
        "Custom1" => e => e.Custom1, "Custom2" => e => e.Custom2, "Custom3" => e => e.Custom3, "Custom4" => e => e.Custom4,
        "Custom5" => e => e.Custom5, "Custom6" => e => e.Custom6, "Custom7" => e => e.Custom7, "Custom8" => e => e.Custom8,
        "Custom9" => e => e.Custom9, "Custom10" => e => e.Custom10, "Custom11" => e => e.Custom11, "Custom12" => e => e.Custom12,
        "Custom13" => e => e.Custom13, "Custom14" => e => e.Custom14, "Custom15" => e => e.Custom15, "Custom16" => e => e.Custom16,
        "Custom17" => e => e.Custom17, "Custom18" => e => e.Custom18, "Custom19" => e => e.Custom19,
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, "Not a column of AUDIT_LOGS."),
    };

    internal static long ToUnixMs(DateTime utc) =>
        new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    internal static DateTime FromUnixMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
}
