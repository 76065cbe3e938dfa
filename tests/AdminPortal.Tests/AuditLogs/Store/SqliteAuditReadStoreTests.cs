using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs.Store;

public sealed class SqliteAuditReadStoreTests() : AuditReadStoreTests(DatabaseProvider.Sqlite);
