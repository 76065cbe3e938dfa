using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.AzureBlob;

[Collection(StoragePeersCollection.Name)]
public sealed class AzureBlobStorageTests(StoragePeers peers)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_multi_block_upload_reads_back_byte_for_byte()
    {
        var content = TestContent.Bytes(6 * MiB + 123, seed: 7);
        using var storage = peers.Factory.Create(peers.Azure("exports/blocks"));

        var result = await storage.UploadAsync("run-1/events.csv", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = MiB },
            CancellationToken.None);

        Assert.Equal(7, result.Parts);
        Assert.Equal(content.Length, result.Bytes);
        Assert.Equal(TestContent.Sha256(content), result.Sha256);
        Assert.NotNull(result.ETag);
        var stored = await TestContent.ReadAllAsync(storage, "run-1/events.csv");
        Assert.True(content.AsSpan().SequenceEqual(stored), "The stored bytes differ from the uploaded ones.");
    }

    [Fact]
    public async Task Names_with_spaces_and_plus_signs_upload_list_read_and_delete()
    {
        const string key = "2026/11/audit events+extra day 1.csv";
        var content = "eventID,eventName\n1,login\n"u8.ToArray();
        using var storage = peers.Factory.Create(peers.Azure(TestContent.UniquePrefix("names")));

        await storage.UploadAsync(key, new MemoryStream(content), UploadOptions.Default with { ContentType = "text/csv" }, CancellationToken.None);
        var listed = await TestContent.KeysAsync(storage, "2026/");
        var read = await TestContent.ReadAllAsync(storage, key);
        await storage.DeleteAsync(key, CancellationToken.None);

        Assert.Equal([key], listed);
        Assert.Equal(content, read);
        Assert.Empty(await TestContent.KeysAsync(storage, ""));
    }

    [Fact]
    public async Task An_upload_failing_before_the_block_list_is_committed_leaves_no_blob()
    {
        var content = TestContent.Bytes(4 * MiB);
        using var storage = peers.Factory.Create(peers.Azure(TestContent.UniquePrefix("failed")));
        var failing = new InterruptedStream(content, 2 * MiB + 1000, () => throw new IOException("The export query failed."));

        await Assert.ThrowsAsync<IOException>(() =>
            storage.UploadAsync("partial.csv", failing, UploadOptions.Default with { PartSizeBytes = MiB }, CancellationToken.None));

        Assert.Empty(await TestContent.KeysAsync(storage, ""));
        var missing = await Assert.ThrowsAsync<CloudStorageException>(() => storage.OpenReadAsync("partial.csv", CancellationToken.None));
        Assert.True(missing.IsNotFound);
    }

    [Fact]
    public async Task Test_connection_succeeds_and_leaves_no_probe_behind()
    {
        using var storage = peers.Factory.Create(peers.Azure(TestContent.UniquePrefix("probe")));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(ConnectionTestResult.Succeeded, result);
        Assert.Empty(await TestContent.KeysAsync(storage, ""));
    }

    [Fact]
    public async Task Test_connection_with_a_wrong_account_key_reports_AuthorizationFailure_and_a_hint()
    {
        var wrongKey = Convert.ToBase64String(TestContent.Bytes(64, seed: 3));
        using var storage = peers.Factory.Create(peers.Azure(StoragePeers.AzureContainer, "probe", wrongKey));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.StartsWith("AuthorizationFailure: ", result.Status);
        Assert.Contains("rejected the credentials", result.Hint);
    }

    [Fact]
    public async Task Test_connection_to_a_missing_container_reports_ContainerNotFound_and_a_hint()
    {
        using var storage = peers.Factory.Create(peers.Azure("no-such-container", "probe"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.StartsWith("ContainerNotFound: ", result.Status);
        Assert.Contains("does not exist", result.Hint);
    }
}
