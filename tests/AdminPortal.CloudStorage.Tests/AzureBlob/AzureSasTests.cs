using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.AzureBlob;

[Collection(StoragePeersCollection.Name)]
public sealed class AzureSasTests(StoragePeers peers)
{
    [Fact]
    public async Task An_account_SAS_with_read_write_delete_list_passes_the_connection_test()
    {
        using var storage = peers.Factory.Create(WithSas(AccountSas("rwdlc")));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(ConnectionTestResult.Succeeded, result);
    }

    [Fact]
    public async Task A_SAS_without_delete_permission_fails_with_the_cloud_error_and_a_permission_hint()
    {
        using var storage = peers.Factory.Create(WithSas(AccountSas("rwlc")));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.StartsWith("AuthorizationPermissionMismatch: ", result.Status);
        Assert.Contains("lack permission", result.Hint);
    }

    private AzureBlobDestination WithSas(string sas) => peers.Azure(TestContent.UniquePrefix("sas")) with { Auth = new AzureSasAuth(sas) };

    private static string AccountSas(string permissions) => StoragePeers.AzureAccountSas(permissions);
}
