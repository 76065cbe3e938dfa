using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Ledger;

public sealed class PostgreSqlLedgerApiTests() : LedgerApiTests(DatabaseProvider.PostgreSQL);
