using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.S3;

[Collection(StoragePeersCollection.Name)]
public sealed class S3StorageTests(StoragePeers peers)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_50_MB_multipart_upload_reads_back_byte_for_byte_with_its_SHA256()
    {
        var content = TestContent.Bytes(50 * 1000 * 1000);
        using var storage = peers.Factory.Create(peers.S3("exports/large"));

        var result = await storage.UploadAsync("run-1/events.jsonl", new MemoryStream(content), UploadOptions.Default, CancellationToken.None);

        Assert.Equal(content.Length, result.Bytes);
        Assert.Equal(6, result.Parts); // 8 MiB parts
        Assert.Equal(TestContent.Sha256(content), result.Sha256);
        Assert.Equal("exports/large/run-1/events.jsonl", result.ObjectName);
        var stored = await TestContent.ReadAllAsync(storage, "run-1/events.jsonl");
        Assert.Equal(TestContent.Sha256(content), TestContent.Sha256(stored));
        Assert.True(content.AsSpan().SequenceEqual(stored));
    }

    [Fact]
    public async Task A_small_upload_is_stored_as_sent_not_in_aws_chunked_framing()
    {
        var content = "{\"eventID\":\"1\"}\n"u8.ToArray();
        using var storage = peers.Factory.Create(peers.S3("exports/small"));

        var result = await storage.UploadAsync("one.jsonl", new MemoryStream(content), UploadOptions.Default with { ContentType = "application/x-ndjson" },
            CancellationToken.None);

        Assert.True(storage.CompatibilityMode);
        Assert.Equal(1, result.Parts);
        Assert.Equal(content, await TestContent.ReadAllAsync(storage, "one.jsonl"));
    }

    [Fact]
    public async Task Listing_shows_objects_under_the_prefix_and_deleting_removes_them()
    {
        using var storage = peers.Factory.Create(peers.S3(TestContent.UniquePrefix("list")));
        foreach (var key in new[] { "2026/11/a.csv", "2026/11/b.csv", "2026/12/c.csv" })
        {
            await storage.UploadAsync(key, new MemoryStream("x"u8.ToArray()), UploadOptions.Default, CancellationToken.None);
        }

        var november = await TestContent.KeysAsync(storage, "2026/11/");
        await storage.DeleteAsync("2026/11/a.csv", CancellationToken.None);
        var afterDelete = await TestContent.KeysAsync(storage, "");

        Assert.Equal(["2026/11/a.csv", "2026/11/b.csv"], november.Order());
        Assert.Equal(["2026/11/b.csv", "2026/12/c.csv"], afterDelete.Order());
    }

    [Fact]
    public async Task A_cancelled_multipart_upload_leaves_no_visible_object_and_logs_the_refused_abort()
    {
        var content = TestContent.Bytes(20 * MiB);
        using var cancel = new CancellationTokenSource();
        var logs = new RecordingLoggerFactory();
        using var factory = new CloudStorageFactory(logs, endpoints: StoragePeers.LoopbackPolicy());
        using var storage = factory.Create(peers.S3(TestContent.UniquePrefix("cancel")));
        var interrupted = new InterruptedStream(content, 12 * MiB, cancel.Cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            storage.UploadAsync("partial.jsonl", interrupted, UploadOptions.Default with { PartSizeBytes = 5 * MiB }, cancel.Token));

        Assert.Empty(await TestContent.KeysAsync(storage, ""));
        var missing = await Assert.ThrowsAsync<CloudStorageException>(() => storage.OpenReadAsync("partial.jsonl", CancellationToken.None));
        Assert.True(missing.IsNotFound);
        // s3rver answers AbortMultipartUpload with 405: the failure is logged, and the caller still sees the cancellation.
        var warning = Assert.Single(logs.Entries, e => e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.StartsWith("Could not abort multipart upload", warning.Message);
    }

    [Fact]
    public async Task Test_connection_succeeds_and_leaves_no_probe_behind()
    {
        using var storage = peers.Factory.Create(peers.S3(TestContent.UniquePrefix("probe")));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.Equal(new ConnectionTestResult(true, "SUCCESS", null), result);
        Assert.Empty(await TestContent.KeysAsync(storage, ""));
    }

    [Fact]
    public async Task Test_connection_with_an_unknown_access_key_reports_InvalidAccessKeyId_and_a_hint()
    {
        using var storage = peers.Factory.Create(peers.S3("probe", accessKeyId: "AKIAIOSFODNN7EXAMPLE"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.StartsWith("InvalidAccessKeyId: ", result.Status);
        Assert.Contains("access key id is not known", result.Hint);
    }

    [Fact]
    public async Task Test_connection_to_a_missing_bucket_reports_NoSuchBucket_and_a_hint()
    {
        using var storage = peers.Factory.Create(peers.S3("probe", bucket: "no-such-bucket-here"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.StartsWith("NoSuchBucket: ", result.Status);
        Assert.Contains("does not exist", result.Hint);
    }
}
