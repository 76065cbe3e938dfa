using Microsoft.Data.Sqlite;

namespace AdminPortal.Core.Data;

/// <summary>Tells the database being unable to answer (busy, locked, read-only, full disk, I/O) from a defect.</summary>
public static class DatabaseErrors
{
    // SQLite's primary result codes (sqlite.org/rescode.html); extended codes carry them in the low byte.
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Full = 13, CantOpen = 14;

    /// <summary>The SQLite error behind <paramref name="exception"/> (at any depth) when it says the database cannot take the request now.</summary>
    public static SqliteException? Unavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Full or CantOpen)
            {
                return sqlite;
            }
        }

        return null;
    }
}
