using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Exports;

public sealed class SqliteExportRunStartTests() : ExportRunStartTests(DatabaseProvider.Sqlite);
