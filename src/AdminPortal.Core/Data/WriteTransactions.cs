using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Core.Data;

/// <summary>
/// The one way the export engine begins a write on the portal's context. On SQLite it is <c>BEGIN IMMEDIATE</c>
/// (Microsoft.Data.Sqlite's Serializable, not deferred): the write lock is taken at the start, where the driver waits
/// for another writer up to Database:BusyTimeoutSeconds, and the end is a COMMIT statement, which it also retries.
/// Without a transaction, EF saves one row as a lone <c>UPDATE … RETURNING 1</c> whose commit happens when its reader
/// is reset, a step Microsoft.Data.Sqlite 10 does not retry: a reader of the file at that moment (a database that is
/// not in WAL mode) made the save fail at once with "database is locked" (CI run 32). A deferred transaction that
/// reads first can fail the same way when it upgrades (SQLITE_BUSY_SNAPSHOT in WAL mode): busy waits never help it.
/// PostgreSQL keeps its default level, read committed.
/// </summary>
public static class WriteTransactions
{
    public static Task<IDbContextTransaction> BeginWriteAsync(this DatabaseFacade database, CancellationToken ct) =>
        database.IsSqlite()
            ? database.BeginTransactionAsync(IsolationLevel.Serializable, ct)
            : database.BeginTransactionAsync(ct);
}
