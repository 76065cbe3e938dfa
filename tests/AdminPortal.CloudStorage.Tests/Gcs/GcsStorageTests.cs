using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.Gcs;

[Collection(StoragePeersCollection.Name)]
public sealed class GcsStorageTests(StoragePeers peers)
{
    private const string Bucket = "audit-exports";

    [Fact]
    public async Task An_upload_reads_back_byte_for_byte_with_its_SHA256()
    {
        var content = TestContent.Bytes(3 * 1024 * 1024 + 17, seed: 11);
        using var storage = peers.Factory.Create(peers.Gcs(Bucket, "exports/gcs"));

        var result = await storage.UploadAsync("run-1/events.json", new MemoryStream(content), UploadOptions.Default with { ContentType = "application/json" },
            CancellationToken.None);

        Assert.Equal("exports/gcs/run-1/events.json", result.ObjectName);
        Assert.Equal(content.Length, result.Bytes);
        Assert.Equal(TestContent.Sha256(content), result.Sha256);
        Assert.NotNull(result.Version);
        var stored = await TestContent.ReadAllAsync(storage, "run-1/events.json");
        Assert.True(content.AsSpan().SequenceEqual(stored), "The stored bytes differ from the uploaded ones.");
    }

    [Fact]
    public async Task Listing_with_a_prefix_shows_only_the_objects_under_it()
    {
        using var storage = peers.Factory.Create(peers.Gcs(Bucket, TestContent.UniquePrefix("list")));
        foreach (var key in new[] { "2026/11/01/a.csv", "2026/11/02/b.csv", "2026/12/01/c.csv" })
        {
            await storage.UploadAsync(key, new MemoryStream("x"u8.ToArray()), UploadOptions.Default, CancellationToken.None);
        }

        var november = await TestContent.KeysAsync(storage, "2026/11/");

        Assert.Equal(["2026/11/01/a.csv", "2026/11/02/b.csv"], november.Order());
    }

    [Fact]
    public async Task Deleting_removes_the_object_and_deleting_again_succeeds()
    {
        using var storage = peers.Factory.Create(peers.Gcs(Bucket, TestContent.UniquePrefix("delete")));
        await storage.UploadAsync("gone.csv", new MemoryStream("x"u8.ToArray()), UploadOptions.Default, CancellationToken.None);

        await storage.DeleteAsync("gone.csv", CancellationToken.None);
        await storage.DeleteAsync("gone.csv", CancellationToken.None);

        Assert.Empty(await TestContent.KeysAsync(storage, ""));
        var missing = await Assert.ThrowsAsync<CloudStorageException>(() => storage.OpenReadAsync("gone.csv", CancellationToken.None));
        Assert.True(missing.IsNotFound);
    }

    [Fact]
    public async Task Test_connection_succeeds_and_leaves_no_probe_behind()
    {
        using var storage = peers.Factory.Create(peers.Gcs(Bucket, TestContent.UniquePrefix("probe")));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(ConnectionTestResult.Succeeded, result);
        Assert.Empty(await TestContent.KeysAsync(storage, ""));
    }
}
