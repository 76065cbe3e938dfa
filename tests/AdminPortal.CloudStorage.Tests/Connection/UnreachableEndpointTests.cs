using System.Net;
using System.Net.Sockets;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.Connection;

public sealed class UnreachableEndpointTests : IDisposable
{
    private readonly CloudStorageFactory factory = new(endpoints: StoragePeers.LoopbackPolicy("storage.adminportal.invalid"));

    [Fact]
    public async Task A_closed_port_fails_the_connection_test_with_an_endpoint_hint()
    {
        using var storage = factory.Create(new GcsDestination("acme-audit", "exports", new GcsAnonymousAuth(), $"http://127.0.0.1:{ClosedPort()}"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Contains("refused", result.Status, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("The endpoint did not answer: check the service URL, the port, and that a firewall or proxy lets the portal out.", result.Hint);
    }

    [Fact]
    public async Task A_host_name_that_does_not_resolve_fails_the_connection_test_with_a_DNS_hint()
    {
        // .invalid never resolves (RFC 2606), so this needs no network.
        using var storage = factory.Create(new GcsDestination("acme-audit", "exports", new GcsAnonymousAuth(), "http://storage.adminportal.invalid"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("The endpoint's host name does not resolve: check the account, bucket or service URL, and the portal's DNS.", result.Hint);
    }

    public void Dispose() => factory.Dispose();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
