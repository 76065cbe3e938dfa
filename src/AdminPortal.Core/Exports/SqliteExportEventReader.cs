using System.Text;
using System.Text.Unicode;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Streams a window's events in export order from a position, one row at a time, the row's columns read straight from
/// SQLite's buffers (<see cref="IExportRow"/>). Reading goes on in keyset batches of <c>Exports:BatchSize</c> events on
/// one prepared statement: each batch is one short read transaction, so a long export never holds the WAL back from
/// being checkpointed, and no batch is held in memory.
/// </summary>
/// <remarks>
/// Its connection is SQLite's own, opened without the per-connection mutex (SQLITE_OPEN_NOMUTEX: one reader uses it at
/// a time), which Microsoft.Data.Sqlite does not offer: the mutex taken on every column call cost about a fifth of the
/// reading time (bench/, 1,000,000 events: 1.25 s against 1.05 s).
/// </remarks>
public sealed class SqliteExportEventReader : ExportEventReader
{
    private readonly sqlite3 connection;
    private readonly sqlite3_stmt statement;
    private readonly nint handle;
    private readonly ExportRowShape shape;
    private readonly int batchSize;
    private readonly int cursorTime;
    private readonly int cursorId;
    private int rowsInBatch;
    private bool ended;
    private bool handleReferenced;

    private SqliteExportEventReader(sqlite3 connection, string sql, SqliteParameterCollection parameters, ExportRowShape shape,
        ExportCursor after, int batchSize)
    {
        this.connection = connection;
        this.shape = shape;
        this.batchSize = batchSize;
        Check(raw.sqlite3_prepare_v2(connection, sql, out statement));
        // The statement outlives every column call: one reference for the reader's life instead of one per call.
        statement.DangerousAddRef(ref handleReferenced);
        handle = statement.DangerousGetHandle();
        foreach (SqliteParameter parameter in parameters)
        {
            var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName);
            Check(parameter.Value switch
            {
                long n => raw.sqlite3_bind_int64(statement, index, n),
                int n => raw.sqlite3_bind_int64(statement, index, n),
                string s => raw.sqlite3_bind_text(statement, index, s),
                var other => throw new ArgumentException($"No SQLite binding for a {other?.GetType().Name ?? "null"} parameter."),
            });
        }

        cursorTime = raw.sqlite3_bind_parameter_index(statement, "$t");
        cursorId = raw.sqlite3_bind_parameter_index(statement, "$id");
        Check(raw.sqlite3_bind_int64(statement, raw.sqlite3_bind_parameter_index(statement, "$take"), batchSize));
        Seek(after);
    }

    /// <summary>Opens the database file and prepares <paramref name="sql"/>, positioned before the first event after <paramref name="after"/>.</summary>
    internal static SqliteExportEventReader Open(DatabaseOptions database, string sql, SqliteParameterCollection parameters, ExportRowShape shape,
        ExportCursor after, int batchSize)
    {
        var rc = raw.sqlite3_open_v2(database.FullPath, out var connection, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_NOMUTEX, null);
        try
        {
            SqliteException.ThrowExceptionForRC(rc, connection);
            // As the portal's connections (DatabaseOptions: 30 s) when a writer holds the file, e.g. during a checkpoint.
            SqliteException.ThrowExceptionForRC(raw.sqlite3_busy_timeout(connection, 30_000), connection);
            // Pages are read once: a small cache (AuditEventWriter's 256 MiB would fill with them, +264 MB resident in bench/).
            SqliteException.ThrowExceptionForRC(raw.sqlite3_exec(connection, "PRAGMA cache_size = -8192"), connection);
            // A workbook element's free text reads the search index.
            SearchIndexFile.Attach(connection, database);
            return new SqliteExportEventReader(connection, sql, parameters, shape, after, batchSize);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The current event's columns. A struct, so that a serializer's Write&lt;TRow&gt; is compiled for it with direct
    /// calls (over a class, the shared generic code dispatched each column through an interface stub).
    /// </summary>
    public Row Current => new(this);

    public override bool Read(CancellationToken ct)
    {
        while (!ended)
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_ROW)
            {
                rowsInBatch++;
                SqliteColumns.TryGetInt64(statement, handle, ExportRowShape.RowIdOrdinal, out var id);
                SqliteColumns.TryGetInt64(statement, handle, ExportRowShape.EventTimeOrdinal, out var time);
                (RowId, EventTimeMs) = (id, time);
                return true;
            }

            if (rc != raw.SQLITE_DONE)
            {
                Check(rc);
            }

            // A full batch: the next one starts after its last event. A short one was the end of the window.
            ended = rowsInBatch < batchSize;
            if (!ended)
            {
                ct.ThrowIfCancellationRequested();
                Seek(Cursor);
            }
        }

        return false;
    }

    internal override void CopyTo(ExportRowBatch batch) => batch.Add(Current, Cursor);

    public override bool TryGetInt64(int column, out long value) => SqliteColumns.TryGetInt64(statement, handle, shape.Ordinal(column), out value);

    public override bool TryGetUtf8(int column, out ReadOnlySpan<byte> value)
    {
        if (!SqliteColumns.TryGetText(statement, handle, shape.Ordinal(column), out value))
        {
            return false;
        }

        if (!Utf8.IsValid(value))
        {
            // What Microsoft.Data.Sqlite's GetString gives for bytes that are not UTF-8: U+FFFD in their place.
            value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(value));
        }

        return true;
    }

    public override void Dispose()
    {
        if (handleReferenced)
        {
            statement.DangerousRelease();
            handleReferenced = false;
        }

        statement.Dispose();
        connection.Dispose();
    }

    private void Seek(ExportCursor after)
    {
        Check(raw.sqlite3_reset(statement));
        Check(raw.sqlite3_bind_int64(statement, cursorTime, after.EventTimeMs));
        Check(raw.sqlite3_bind_int64(statement, cursorId, after.RowId));
        rowsInBatch = 0;
    }

    /// <summary>The reader's current event as an <see cref="IExportRow"/>.</summary>
    public readonly struct Row(SqliteExportEventReader reader) : IExportRow
    {
        public bool TryGetInt64(int column, out long value) => reader.TryGetInt64(column, out value);

        public bool TryGetUtf8(int column, out ReadOnlySpan<byte> value) => reader.TryGetUtf8(column, out value);
    }

    /// <summary>SQLite's error as Microsoft.Data.Sqlite reports it (busy and locked are transient for the engine's retries).</summary>
    private void Check(int rc) => SqliteException.ThrowExceptionForRC(rc, connection);
}
