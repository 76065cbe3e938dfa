using System.Text.RegularExpressions;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.AzureBlob;

/// <summary>Every upload carries Content-MD5 (containers with immutability policies want it), and Azurite refuses bytes that do not match it.</summary>
[Collection(StoragePeersCollection.Name)]
public sealed class AzureChecksumTests(StoragePeers peers)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task Every_staged_block_is_sent_with_the_Content_MD5_of_its_bytes()
    {
        using var proxy = new RecordingProxy(peers.AzureUrl);
        using var storage = peers.Factory.Create(ThroughProxy(proxy, TestContent.UniquePrefix("md5-blocks")));
        var content = TestContent.Bytes(2 * MiB + 500, seed: 11);

        await storage.UploadAsync("events.csv", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = MiB }, CancellationToken.None);

        var blocks = proxy.Requests.Where(r => r.Method == "PUT" && IsPutBlock(r.PathAndQuery)).ToList();
        Assert.Equal(3, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(b.BodyMd5, b.ContentMd5));
        Assert.Equal(content.Length, blocks.Sum(b => b.BodyLength));
        Assert.Equal(content, await TestContent.ReadAllAsync(storage, "events.csv"));
    }

    [Fact]
    public async Task A_single_part_upload_is_sent_with_the_Content_MD5_of_its_bytes()
    {
        using var proxy = new RecordingProxy(peers.AzureUrl);
        using var storage = peers.Factory.Create(ThroughProxy(proxy, TestContent.UniquePrefix("md5-blob")));

        await storage.UploadAsync("small.csv", new MemoryStream("EventId\n1\n"u8.ToArray()), UploadOptions.Default, CancellationToken.None);

        var put = Assert.Single(proxy.Requests, r => r.Method == "PUT");
        Assert.DoesNotContain("comp=", put.PathAndQuery);
        Assert.Equal(put.BodyMd5, put.ContentMd5);
    }

    [Fact]
    public async Task A_block_altered_on_the_way_is_refused_with_Md5Mismatch_and_no_blob_appears()
    {
        var prefix = TestContent.UniquePrefix("md5-altered");
        using var proxy = new RecordingProxy(peers.AzureUrl, alter: r => r.HttpMethod == "PUT" && IsPutBlock(r.Url!.PathAndQuery));
        using var storage = peers.Factory.Create(ThroughProxy(proxy, prefix));

        var refused = await Assert.ThrowsAsync<CloudStorageException>(() => storage.UploadAsync("events.csv",
            new MemoryStream(TestContent.Bytes(2 * MiB)), UploadOptions.Default with { PartSizeBytes = MiB }, CancellationToken.None));

        Assert.Equal("Md5Mismatch", refused.ErrorCode);
        Assert.StartsWith("Md5Mismatch: The MD5 value specified in the request did not match", refused.Message);
        using var direct = peers.Factory.Create(peers.Azure(prefix));
        Assert.Empty(await TestContent.KeysAsync(direct, ""));
    }

    private static bool IsPutBlock(string pathAndQuery) => Regex.IsMatch(pathAndQuery, "[?&]comp=block(&|$)");

    private AzureBlobDestination ThroughProxy(RecordingProxy proxy, string prefix) =>
        peers.Azure(prefix) with { EndpointUrl = $"{proxy.Url.AbsoluteUri}{StoragePeers.AzureAccount}" };
}
