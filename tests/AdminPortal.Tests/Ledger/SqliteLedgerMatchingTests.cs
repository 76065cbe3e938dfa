using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Ledger;

public sealed class SqliteLedgerMatchingTests() : LedgerMatchingTests(DatabaseProvider.Sqlite);
