using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs;

public sealed class SqliteAuditStoreTests(SqliteAuditStoreTests.SqliteStore store) : AuditStoreTests(store), IClassFixture<SqliteAuditStoreTests.SqliteStore>
{
    public sealed class SqliteStore() : Store(DatabaseProvider.Sqlite);
}
