using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Data;

public sealed class SqlitePortalStoreTests() : PortalStoreTests(DatabaseProvider.Sqlite);
