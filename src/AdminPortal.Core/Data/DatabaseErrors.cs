using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Core.Data;

/// <summary>
/// Tells the database being unable to answer now from a defect, on either provider: transient (another transaction in
/// the way: SQLite BUSY/LOCKED, PostgreSQL serialization failure, deadlock, lock not available) or unavailable (SQLite
/// cannot open the file, I/O error, read-only, full disk; PostgreSQL not reachable, connection ended by the server,
/// out of resources). Both answer 503 to a request; only transient ones are worth an immediate retry.
/// </summary>
public static class DatabaseErrors
{
    // SQLite's primary result codes (sqlite.org/rescode.html); extended codes carry them in the low byte.
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CantOpen = 14;

    /// <summary>The database error behind <paramref name="exception"/> (at any depth, EF wraps it), or null for anything else.</summary>
    public static DatabaseError? Classify(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var found = e switch
            {
                SqliteException sqlite => OfSqlite(sqlite),
                PostgresException postgres => OfPostgres(postgres),
                NpgsqlException npgsql => OfNpgsql(npgsql),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>True when trying the same work again shortly can succeed (another transaction was in the way).</summary>
    public static bool IsTransient(Exception exception) => Classify(exception)?.IsTransient == true;

    private static DatabaseError? OfSqlite(SqliteException sqlite) => (sqlite.SqliteErrorCode & 0xFF) switch
    {
        Busy or Locked => new(DatabaseErrorKind.Transient, $"SQLite {sqlite.SqliteErrorCode}", sqlite.Message),
        ReadOnly or IoError or Full or CantOpen => new(DatabaseErrorKind.Unavailable, $"SQLite {sqlite.SqliteErrorCode}", sqlite.Message),
        _ => null,
    };

    // SQLSTATEs: postgresql.org/docs/current/errcodes-appendix.html
    private static DatabaseError? OfPostgres(PostgresException postgres)
    {
        var state = postgres.SqlState;
        var kind = state switch
        {
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable => DatabaseErrorKind.Transient,
            // 08: connection exception; 53: insufficient resources (disk full, out of memory, too many connections);
            // 57P01-57P03: the server shuts down or cannot take connections yet (a restart, a failover)
            _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal) => DatabaseErrorKind.Unavailable,
            PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => DatabaseErrorKind.Unavailable,
            // A read-only server (a standby, default_transaction_read_only) refuses writes like SQLite's read-only file.
            PostgresErrorCodes.ReadOnlySqlTransaction => DatabaseErrorKind.Unavailable,
            _ => (DatabaseErrorKind?)null,
        };
        return kind is { } k ? new DatabaseError(k, $"SQLSTATE {state}", postgres.MessageText) : null;
    }

    /// <summary>Npgsql's own error (no server answer): the network or a timeout underneath means no server to talk to.</summary>
    private static DatabaseError? OfNpgsql(NpgsqlException npgsql) => npgsql.InnerException switch
    {
        SocketException socket => new(DatabaseErrorKind.Unavailable, $"socket {socket.SocketErrorCode}", npgsql.Message),
        IOException or TimeoutException => new(DatabaseErrorKind.Unavailable, npgsql.InnerException.GetType().Name, npgsql.Message),
        _ => null,
    };
}
