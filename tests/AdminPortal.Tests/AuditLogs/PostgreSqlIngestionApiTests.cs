using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs;

public sealed class PostgreSqlIngestionApiTests(PostgreSqlIngestionApiTests.PostgreSqlPortal portal) : IngestionApiTests(portal), IClassFixture<PostgreSqlIngestionApiTests.PostgreSqlPortal>
{
    public sealed class PostgreSqlPortal() : Portal(DatabaseProvider.PostgreSQL);
}
