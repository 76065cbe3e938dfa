using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Tests.Exports;

[Collection(PostgreSqlExportsCollection.Name)]
public sealed class PostgreSqlExportEngineTests(StoragePeers peers, PostgreSqlExportsPortal portal) : ExportEngineTests(peers, portal);
