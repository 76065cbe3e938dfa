using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs;

public sealed class SqliteIngestionApiTests(SqliteIngestionApiTests.SqlitePortal portal) : IngestionApiTests(portal), IClassFixture<SqliteIngestionApiTests.SqlitePortal>
{
    public sealed class SqlitePortal() : Portal(DatabaseProvider.Sqlite);
}
