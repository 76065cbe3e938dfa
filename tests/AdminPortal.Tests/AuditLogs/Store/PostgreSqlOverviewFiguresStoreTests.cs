using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs.Store;

public sealed class PostgreSqlOverviewFiguresStoreTests() : OverviewFiguresStoreTests(DatabaseProvider.PostgreSQL);
