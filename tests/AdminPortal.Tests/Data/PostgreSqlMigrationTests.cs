using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Data;

public sealed class PostgreSqlMigrationTests() : MigrationTests(DatabaseProvider.PostgreSQL);
