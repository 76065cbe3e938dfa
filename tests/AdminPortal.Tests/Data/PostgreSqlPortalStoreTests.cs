using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Data;

public sealed class PostgreSqlPortalStoreTests() : PortalStoreTests(DatabaseProvider.PostgreSQL);
