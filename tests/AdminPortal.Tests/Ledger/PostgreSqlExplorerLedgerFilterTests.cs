using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Ledger;

public sealed class PostgreSqlExplorerLedgerFilterTests() : ExplorerLedgerFilterTests(DatabaseProvider.PostgreSQL);
