using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Tests.Data;

public sealed class SqliteDatabaseErrorsTests() : DatabaseErrorsTests(DatabaseProvider.Sqlite)
{
    [Fact]
    public async Task A_write_refused_because_another_writer_holds_the_lock_is_transient()
    {
        await using var holder = await OpenAsync();
        await ExecuteAsync(holder, "BEGIN IMMEDIATE; UPDATE rows SET v = 1 WHERE id = 1;");
        await using var other = await OpenAsync();

        var error = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(other, "UPDATE rows SET v = 2 WHERE id = 2", timeoutSeconds: 1));

        Assert.Equal(DatabaseErrorKind.Transient, DatabaseErrors.Classify(error)?.Kind);
        Assert.True(ExportRetryPolicy.IsTransient(error));
    }
}
