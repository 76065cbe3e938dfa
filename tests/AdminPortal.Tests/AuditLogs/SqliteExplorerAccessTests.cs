using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.AuditLogs;

public sealed class SqliteExplorerAccessTests(SeededPortalFactory portal) : ExplorerAccessTests(portal), IClassFixture<SeededPortalFactory>;
