using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.AuditLogs;

public sealed class PostgreSqlExplorerAccessTests(PostgreSqlSeededPortalFactory portal) : ExplorerAccessTests(portal), IClassFixture<PostgreSqlSeededPortalFactory>;
