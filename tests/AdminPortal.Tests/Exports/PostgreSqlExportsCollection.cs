using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.Tests.Exports;

[CollectionDefinition(Name)]
public sealed class PostgreSqlExportsCollection : ICollectionFixture<StoragePeers>, ICollectionFixture<PostgreSqlExportsPortal>
{
    public const string Name = "Scheduled exports on PostgreSQL";
}
