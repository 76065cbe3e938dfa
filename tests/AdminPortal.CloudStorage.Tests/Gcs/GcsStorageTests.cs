using System.Net;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.Gcs;

[Collection(StoragePeersCollection.Name)]
public sealed class GcsStorageTests(StoragePeers peers)
{
    private const string Bucket = "audit-exports";
    private const int Chunk = 256 * 1024;

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

    /// <summary>As shipped, the emulator ended a session on its first PUT and kept 256 KiB of these 3 MiB (tests/peers/README.md).</summary>
    [Fact]
    public async Task An_upload_in_many_chunks_keeps_every_chunk_and_reads_back_exactly()
    {
        var content = TestContent.Bytes(12 * Chunk + 17, seed: 12);
        using var storage = peers.Factory.Create(peers.Gcs(Bucket, TestContent.UniquePrefix("chunks")));

        var result = await storage.UploadAsync("events.jsonl", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = Chunk },
            CancellationToken.None);

        Assert.Equal((13, (long)content.Length), (result.Parts, result.Bytes));
        Assert.Equal(content, await TestContent.ReadAllAsync(storage, "events.jsonl"));
        Assert.Equal([("events.jsonl", (long)content.Length)], (await ListAsync(storage)).Select(o => (o.Key, o.Size)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Empty_content_becomes_an_empty_object_uploaded_or_staged(bool staged)
    {
        using var storage = peers.Factory.Create(peers.Gcs(Bucket, TestContent.UniquePrefix("empty")));

        var result = staged
            ? await (await storage.StageAsync("empty.csv", new MemoryStream(), UploadOptions.Default, CancellationToken.None)).CommitAsync(CancellationToken.None)
            : await storage.UploadAsync("empty.csv", new MemoryStream(), UploadOptions.Default, CancellationToken.None);

        Assert.Equal((0L, TestContent.Sha256([])), (result.Bytes, result.Sha256));
        Assert.Equal([("empty.csv", 0L)], (await ListAsync(storage)).Select(o => (o.Key, o.Size)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_last_chunk_altered_on_the_way_is_refused_for_its_MD5_and_no_object_appears(bool staged)
    {
        // Alters an upload's last request: the one with the total in its Content-Range (or none).
        using var relay = new RecordingProxy(peers.GcsUrl, alter: r =>
            r.HttpMethod == "PUT" && (r.Headers["Content-Range"] is not { } range || !range.EndsWith("/*", StringComparison.Ordinal)));
        var prefix = TestContent.UniquePrefix("altered");
        using var storage = peers.Factory.Create(new GcsDestination(Bucket, prefix, new GcsAnonymousAuth(), relay.Url.AbsoluteUri));
        var content = new MemoryStream(TestContent.Bytes(2 * Chunk + 5, seed: 13));
        var options = UploadOptions.Default with { PartSizeBytes = Chunk };

        var refused = await Assert.ThrowsAsync<CloudStorageException>(async () =>
        {
            if (staged)
            {
                await (await storage.StageAsync("altered.csv", content, options, CancellationToken.None)).CommitAsync(CancellationToken.None);
            }
            else
            {
                await storage.UploadAsync("altered.csv", content, options, CancellationToken.None);
            }
        });

        Assert.True(relay.AlteredCount > 0);
        // GCS's own refusal of the x-goog-hash, not the portal's check of an object already created.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("invalid: Provided MD5", refused.Message);
        using var direct = peers.Factory.Create(peers.Gcs(Bucket, prefix));
        Assert.Empty(await ListAsync(direct));
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

    private static async Task<List<StoredObject>> ListAsync(ICloudStorage storage)
    {
        var objects = new List<StoredObject>();
        await foreach (var stored in storage.ListAsync("", CancellationToken.None))
        {
            objects.Add(stored);
        }

        return objects;
    }
}
