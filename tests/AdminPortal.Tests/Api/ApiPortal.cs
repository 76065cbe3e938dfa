using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Tests.Exports;

namespace AdminPortal.Tests.Api;

/// <summary>The portal the API tests call over HTTP: the exports portal (small parts, the emulators' integrations).</summary>
public sealed class ApiPortal : ExportsPortal;

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<StoragePeers>, ICollectionFixture<ApiPortal>
{
    public const string Name = "HTTP API";
}
