using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Ledger;

public sealed class PostgreSqlLedgerMatchingTests() : LedgerMatchingTests(DatabaseProvider.PostgreSQL);
