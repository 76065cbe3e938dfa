using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs;

public sealed class PostgreSqlAuditStoreTests(PostgreSqlAuditStoreTests.PostgreSqlStore store) : AuditStoreTests(store), IClassFixture<PostgreSqlAuditStoreTests.PostgreSqlStore>
{
    public sealed class PostgreSqlStore() : Store(DatabaseProvider.PostgreSQL);
}
