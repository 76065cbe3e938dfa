using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Tests.Exports;

[Collection(ExportsCollection.Name)]
public sealed class SqliteExportEngineTests(StoragePeers peers, ExportsPortal portal) : ExportEngineTests(peers, portal);
