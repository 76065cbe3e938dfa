using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Ledger;

public sealed class SqliteExplorerLedgerFilterTests() : ExplorerLedgerFilterTests(DatabaseProvider.Sqlite);
