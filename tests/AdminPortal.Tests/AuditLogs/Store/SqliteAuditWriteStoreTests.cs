using AdminPortal.Core.Data;

namespace AdminPortal.Tests.AuditLogs.Store;

public sealed class SqliteAuditWriteStoreTests() : AuditWriteStoreTests(DatabaseProvider.Sqlite);
