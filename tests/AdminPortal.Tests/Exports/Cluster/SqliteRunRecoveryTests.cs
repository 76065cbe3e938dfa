using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Exports.Cluster;

public sealed class SqliteRunRecoveryTests() : RunRecoveryTests(DatabaseProvider.Sqlite);
