using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminPortal.Core.Data;

/// <summary>Tells a save refused by a unique index (another writer got there first) from other failures, on either provider.</summary>
public static class UniqueViolation
{
    // SQLite's extended codes: the primary SQLITE_CONSTRAINT (19) alone would also take a NOT NULL or CHECK failure
    // for "someone saved the same name first" (sqlite.org/rescode.html).
    private const int SqliteConstraintPrimaryKey = 1555, SqliteConstraintUnique = 2067;

    public static bool Is(DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
