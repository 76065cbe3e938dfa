using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Data;

public sealed class SqliteMigrationTests() : MigrationTests(DatabaseProvider.Sqlite);
