using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Ledger;

public sealed class SqliteLedgerApiTests() : LedgerApiTests(DatabaseProvider.Sqlite);
