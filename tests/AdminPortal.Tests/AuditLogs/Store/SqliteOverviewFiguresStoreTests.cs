using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs.Store;

public sealed class SqliteOverviewFiguresStoreTests() : OverviewFiguresStoreTests(DatabaseProvider.Sqlite);
