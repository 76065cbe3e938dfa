using System.Runtime.CompilerServices;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>
/// The full-text index of AUDIT_LOGS lives in a SQLite file of its own (<see cref="DatabaseOptions.SearchIndexPath"/>),
/// attached as <c>search</c> to the connections that search, index or delete events. SQLite has one writer per file:
/// in the database, the indexer took turns with ingestion (7 µs of every event's 24 µs under the lock, bench/);
/// in its own file it indexes on the other core while ingestion writes. The index is contentless (FTS5
/// <c>content=''</c>): it keeps only the terms, and a search reads the events by rowid from the database.
/// </summary>
public static class SearchIndexFile
{
    /// <summary>The schema name the index is attached under.</summary>
    public const string Schema = "search";

    internal const string Table = "AuditEventsFts";
    internal const string WatermarkTable = "AuditEventsFtsWatermark";

    internal static readonly string Columns = string.Join(", ", AuditEventWriter.FtsColumns.Select(c => "\"" + c + "\""));

    /// <summary>The watermark as an SQL expression, 0 before the first chunk (on a connection with the index attached).</summary>
    internal const string WatermarkSql = $"coalesce((SELECT \"IndexedUpToId\" FROM {Schema}.\"{WatermarkTable}\" WHERE \"Id\" = 1), 0)";

    /// <summary>
    /// FTS5 merges a level's segments once this many wait (its default is 4): at 16 the indexer spent 4.1 µs an event
    /// instead of 6.1, the 5M-event index was built in 24 s instead of 37, and searches on it answered about as fast
    /// (bench/, a word in over 10,000 events: p50 131 against 132 ms, p95 166 against 134 ms, one run each). HTTP
    /// ingestion went from 58-61k to 65-66k events/s, the portal's CPU from 27-29 to 25 µs an event. Kept in the
    /// index's own config table.
    /// </summary>
    private const int AutoMerge = 16;

    // Connections from the pool keep what was attached to them: attach once per native connection.
    private static readonly ConditionalWeakTable<sqlite3, object> Attached = new();

    /// <summary>
    /// Creates the index file if it is missing (a new install, or one from before the index had a file of its own: the
    /// indexer then builds it from the first event). An index whose watermark is past every id the database ever gave
    /// belongs to another database (one restored or replaced beside it) and is emptied, to be built again.
    /// </summary>
    public static async Task EnsureCreatedAsync(DatabaseOptions options, CancellationToken ct = default)
    {
        await using var connection = await OpenSearchingAsync(options, ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            PRAGMA {Schema}.journal_mode = WAL;
            CREATE VIRTUAL TABLE IF NOT EXISTS {Schema}."{Table}" USING fts5({Columns}, content='', tokenize='unicode61');
            CREATE TABLE IF NOT EXISTS {Schema}."{WatermarkTable}" (
                "Id" INTEGER NOT NULL PRIMARY KEY CHECK ("Id" = 1),
                "IndexedUpToId" INTEGER NOT NULL
            );
            BEGIN IMMEDIATE;
            INSERT INTO {Schema}."{Table}"("{Table}", rank) VALUES ('automerge', {AutoMerge});
            INSERT INTO {Schema}."{Table}"("{Table}") SELECT 'delete-all'
                WHERE (SELECT "IndexedUpToId" FROM {Schema}."{WatermarkTable}" WHERE "Id" = 1) > coalesce((SELECT "seq" FROM main."sqlite_sequence" WHERE "name" = 'AuditEvents'), 0);
            DELETE FROM {Schema}."{WatermarkTable}"
                WHERE "IndexedUpToId" > coalesce((SELECT "seq" FROM main."sqlite_sequence" WHERE "name" = 'AuditEvents'), 0);
            COMMIT;
            """;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Opens the database with the index attached, from a pool of its own (<see cref="DatabaseOptions.SearchingConnectionString"/>).</summary>
    public static async Task<SqliteConnection> OpenSearchingAsync(DatabaseOptions options, CancellationToken ct)
    {
        var connection = new SqliteConnection(options.SearchingConnectionString());
        try
        {
            await connection.OpenAsync(ct);
            if (!Attached.TryGetValue(connection.Handle!, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"ATTACH DATABASE $path AS {Schema}; PRAGMA {Schema}.synchronous = NORMAL; PRAGMA {Schema}.journal_size_limit = 67108864;";
                command.Parameters.AddWithValue("$path", options.SearchIndexPath);
                await command.ExecuteNonQueryAsync(ct);
                Attached.AddOrUpdate(connection.Handle!, Schema);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Attaches the index to a connection opened straight through SQLitePCL.raw.</summary>
    internal static void Attach(sqlite3 connection, DatabaseOptions options)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection, $"ATTACH DATABASE ? AS {Schema}", out var attach), connection);
        using (attach)
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(attach, 1, options.SearchIndexPath), connection);
            var rc = raw.sqlite3_step(attach);
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc, connection);
        }
    }
}
