using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests;

/// <summary>Staging: the bytes go up, the object appears only on commit (S3 multipart, Azure block list, GCS session), or never on abort.</summary>
[Collection(StoragePeersCollection.Name)]
public sealed class StagedUploadTests(StoragePeers peers)
{
    private const int MiB = 1024 * 1024;

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    public async Task A_staged_upload_is_invisible_until_committed_and_an_aborted_one_never_appears(string cloud)
    {
        var prefix = TestContent.UniquePrefix("staged");
        using var storage = peers.Factory.Create(cloud == "s3" ? peers.S3(prefix) : peers.Azure(prefix));
        var small = "EventId\n1\n"u8.ToArray();
        var large = TestContent.Bytes(12 * MiB);
        var options = UploadOptions.Default with { PartSizeBytes = 5 * MiB };

        var kept = await storage.StageAsync("kept.csv", new MemoryStream(small), options, CancellationToken.None);
        var dropped = await storage.StageAsync("dropped.jsonl", new MemoryStream(large), options, CancellationToken.None);
        var whileStaged = await TestContent.KeysAsync(storage, "");
        var result = await kept.CommitAsync(CancellationToken.None);
        await dropped.AbortAsync();

        Assert.False(kept.IsVisible);
        Assert.Equal(3, dropped.Parts);
        Assert.Empty(whileStaged);
        Assert.Equal(["kept.csv"], await TestContent.KeysAsync(storage, ""));
        Assert.Equal(small, await TestContent.ReadAllAsync(storage, "kept.csv"));
        Assert.Equal((TestContent.Sha256(small), small.Length), (result.Sha256, result.Bytes));
        Assert.Equal(kept.Sha256, result.Sha256);
    }

    /// <summary>Several chunks each: the session stays open (the emulator made faithful in tests/peers) with the last one held until the commit.</summary>
    [Fact]
    public async Task A_GCS_staged_upload_is_invisible_until_committed_and_an_aborted_one_never_appears()
    {
        using var storage = peers.Factory.Create(peers.Gcs("audit-exports-gcs", TestContent.UniquePrefix("staged")));
        var content = TestContent.Bytes(3 * MiB + 5, seed: 3);
        var options = UploadOptions.Default with { PartSizeBytes = MiB };

        var kept = await storage.StageAsync("kept.csv", new MemoryStream(content), options, CancellationToken.None);
        var dropped = await storage.StageAsync("dropped.csv", new MemoryStream(TestContent.Bytes(2 * MiB + 1, seed: 4)), options, CancellationToken.None);
        var whileStaged = await TestContent.KeysAsync(storage, "");
        var result = await kept.CommitAsync(CancellationToken.None);
        await dropped.AbortAsync();

        Assert.False(kept.IsVisible);
        Assert.Empty(whileStaged);
        Assert.Equal(["kept.csv"], await TestContent.KeysAsync(storage, ""));
        Assert.Equal(content, await TestContent.ReadAllAsync(storage, "kept.csv"));
        Assert.Equal((TestContent.Sha256(content), 4, 3), (result.Sha256, result.Parts, dropped.Parts));
    }
}
