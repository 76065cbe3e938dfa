using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Exports;

public sealed class PostgreSqlExportRunStartTests() : ExportRunStartTests(DatabaseProvider.PostgreSQL);
