using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using static AdminPortal.Core.AuditLogs.AuditEventWriter;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// <see cref="IAuditWriteSession"/> on SQLite: rows bound by position through SQLitePCL, INSERT OR IGNORE on the unique
/// event id, the hours' counts added at commit. Holds the write gate until disposed.
/// </summary>
public sealed class SqliteAuditWriteSession : IAuditWriteSession
{
    private readonly SqliteConnection connection;
    private readonly SqliteTransaction transaction;
    private readonly IDisposable gate;
    private readonly DateTime now;
    private readonly List<string>? duplicateIds;
    private readonly Dictionary<long, int> hours = [];
    private readonly sqlite3 db;
    private readonly sqlite3_stmt single;
    private readonly RowBinder singleBinder;

    // Prepared at the first chunk of 32 rows or more: a single event (the portal's own audit) need not pay for it.
    private sqlite3_stmt? bulk;
    private RowBinder? bulkBinder;

    // Ids stored before each statement are at most this (one writer at a time, AUTOINCREMENT): how FindDuplicates
    // tells the rows a statement stored from those it ignored.
    private long lastId;
    private bool committed;

    internal SqliteAuditWriteSession(SqliteConnection connection, SqliteTransaction transaction, IDisposable gate, DateTime now, bool keepDuplicateIds)
    {
        this.connection = connection;
        this.transaction = transaction;
        this.gate = gate;
        this.now = now;
        duplicateIds = keepDuplicateIds ? [] : null;
        db = connection.Handle!;
        single = Prepare(db, InsertSql);
        singleBinder = new RowBinder(single);
        lastId = LastId(db);
    }

    public System.Data.Common.DbTransaction Transaction => transaction;

    /// <summary>Rows written so far that were new.</summary>
    public int Stored { get; private set; }

    /// <summary>Rows written so far whose event id was already stored (or earlier in this session).</summary>
    public int Duplicates { get; private set; }

    /// <summary>Their event ids, when the session was begun to keep them.</summary>
    public IReadOnlyList<string> DuplicateIds => duplicateIds ?? [];

    /// <summary>Writes a chunk inside the transaction; nothing is visible to others before <see cref="CommitAsync"/>.</summary>
    public Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        for (var first = 0; first < events.Count;)
        {
            ct.ThrowIfCancellationRequested();
            if (events.Count - first >= RowsPerStatement && bulk is null)
            {
                bulk = Prepare(db, BulkInsertSql);
                bulkBinder = new RowBinder(bulk);
            }

            var (statement, binder, rows) = events.Count - first >= RowsPerStatement
                ? (bulk!, bulkBinder!, RowsPerStatement)
                : (single, singleBinder, 1);

            // Left unbound, a column is NULL (sqlite3_clear_bindings below): most of the 49 are empty, and each
            // bind is a native call (bench/: binding alone went from 69-80k to 86-90k rows/s).
            binder.StartRow();
            for (var row = 0; row < rows; row++)
            {
                var e = events[first + row];
                if (e.IngestedAtUtc == default)
                {
                    e.IngestedAtUtc = now;
                }

                CollectionsMarshal.GetValueRefOrAddDefault(hours, HourOf(e), out _)++;

                var offset = row * Columns.Length;
                for (var i = 0; i < Columns.Length; i++)
                {
                    Check(db, binder.Bind(offset + i + 1, Getters[i](e)));
                }
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(db, step);
            }

            var changes = raw.sqlite3_changes(db);
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
            var ignored = 0;
            if (changes < rows)
            {
                foreach (var row in FindDuplicates(db, events, first, rows, lastId))
                {
                    ignored++;
                    duplicateIds?.Add(events[row].EventId);
                    hours[HourOf(events[row])]--;
                }
            }

            if (changes > 0)
            {
                lastId = raw.sqlite3_last_insert_rowid(db);
            }

            Stored += rows - ignored;
            Duplicates += ignored;
            first += rows;
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds the stored rows to the events per hour and commits.</summary>
    public async Task CommitAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(committed, this);
        using (var addHours = Prepare(db, AddHoursSql))
        {
            foreach (var (hour, count) in hours.Where(h => h.Value > 0))
            {
                Check(db, raw.sqlite3_bind_int64(addHours, 1, hour));
                Check(db, raw.sqlite3_bind_int(addHours, 2, count));
                var step = raw.sqlite3_step(addHours);
                Check(db, step == raw.SQLITE_DONE ? raw.SQLITE_OK : step);
                raw.sqlite3_reset(addHours);
            }
        }

        await transaction.CommitAsync(ct);
        committed = true;
        await using var pool = connection.CreateCommand();
        pool.CommandText = AuditWriteGate.PoolPragmas;
        await pool.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Rolls back what was not committed, then lets go of the write gate.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            bulk?.Dispose();
            single.Dispose();
            if (!committed)
            {
                try
                {
                    await transaction.RollbackAsync();
                    await using var pool = connection.CreateCommand();
                    pool.CommandText = AuditWriteGate.PoolPragmas;
                    await pool.ExecuteNonQueryAsync();
                }
                catch (SqliteException)
                {
                    // A broken connection: closing it below ends its transaction without a commit all the same.
                }
            }
        }
        finally
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            gate.Dispose();
        }
    }
}
