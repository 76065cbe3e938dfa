using System.Security.Cryptography;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.Gcs;

/// <summary>
/// The SDK's resumable protocol against a loopback GCS that keeps only half of the second chunk (GCS may; the
/// emulator never does), and the exact x-goog-hash every upload ends with.
/// </summary>
public sealed class GcsResumableProtocolTests : IDisposable
{
    private const int Chunk = 256 * 1024;

    private readonly FakeGcsResumable gcs = new();
    private readonly CloudStorageFactory factory = new(endpoints: StoragePeers.LoopbackPolicy());

    [Fact]
    public async Task A_multi_chunk_upload_resends_from_the_range_GCS_holds_and_ends_with_the_total_and_the_MD5()
    {
        var content = TestContent.Bytes(4 * Chunk + 100, seed: 5);
        using var storage = Storage();

        var result = await storage.UploadAsync("chunked.jsonl", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = Chunk },
            CancellationToken.None);

        Assert.Equal(content, gcs.FinalObject);
        // The second chunk was half kept: the next one starts where GCS's Range said, and chunks stay 256 KiB.
        Assert.Equal([
            $"bytes 0-{Chunk - 1}/*",
            $"bytes {Chunk}-{2 * Chunk - 1}/*",
            $"bytes {Chunk + Chunk / 2}-{2 * Chunk + Chunk / 2 - 1}/*",
            $"bytes {2 * Chunk + Chunk / 2}-{3 * Chunk + Chunk / 2 - 1}/*",
            $"bytes {3 * Chunk + Chunk / 2}-{content.Length - 1}/{content.Length}",
        ], gcs.ContentRanges);
        Assert.Equal(Md5Header(content), gcs.GoogHash);
        Assert.Equal(5, result.Parts);
        Assert.Equal(TestContent.Sha256(content), result.Sha256);
        Assert.Equal("1700000000000001", result.Version);
    }

    [Fact]
    public async Task A_failing_upload_cancels_its_resumable_session_and_never_sends_the_last_chunk()
    {
        var content = TestContent.Bytes(4 * Chunk, seed: 6);
        using var storage = Storage();
        var failing = new InterruptedStream(content, 2 * Chunk + 10, () => throw new IOException("The export query failed."));

        await Assert.ThrowsAsync<IOException>(() =>
            storage.UploadAsync("chunked.jsonl", failing, UploadOptions.Default with { PartSizeBytes = Chunk }, CancellationToken.None));

        Assert.True(gcs.SessionCancelled);
        Assert.Null(gcs.FinalObject);
        Assert.All(gcs.ContentRanges, range => Assert.EndsWith("/*", range));
    }

    [Fact]
    public async Task A_staged_upload_holds_its_last_request_and_the_commit_resumes_the_session_with_it_and_the_MD5()
    {
        var content = TestContent.Bytes(4 * Chunk + 100, seed: 7);
        using var storage = Storage();

        var staged = await storage.StageAsync("chunked.jsonl", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = Chunk },
            CancellationToken.None);
        var whileStaged = gcs.FinalObject;
        var rangesWhileStaged = gcs.ContentRanges.ToList();
        var result = await staged.CommitAsync(CancellationToken.None);

        Assert.Null(whileStaged);
        Assert.False(staged.IsVisible);
        Assert.All(rangesWhileStaged, range => Assert.EndsWith("/*", range));
        Assert.Equal(4, rangesWhileStaged.Count);
        // The commit asks what GCS holds, then sends the held bytes from there with the total.
        Assert.Equal([$"bytes */{content.Length}", $"bytes {3 * Chunk + Chunk / 2}-{content.Length - 1}/{content.Length}"],
            gcs.ContentRanges.Skip(4));
        Assert.Equal(content, gcs.FinalObject);
        Assert.Equal(Md5Header(content), gcs.GoogHash);
        Assert.Equal((TestContent.Sha256(content), (long)content.Length, 5), (result.Sha256, result.Bytes, result.Parts));
        Assert.False(gcs.SessionCancelled);
    }

    [Fact]
    public async Task An_aborted_staged_upload_cancels_its_session_and_never_sends_its_last_part()
    {
        var content = TestContent.Bytes(Chunk + 10, seed: 9);
        using var storage = Storage();
        var heldBefore = HeldFiles();

        var staged = await storage.StageAsync("chunked.jsonl", new MemoryStream(content), UploadOptions.Default with { PartSizeBytes = Chunk },
            CancellationToken.None);
        var heldWhileStaged = HeldFiles().Except(heldBefore).ToList();
        await staged.AbortAsync();

        Assert.True(gcs.SessionCancelled);
        Assert.Null(gcs.FinalObject);
        Assert.Equal([$"bytes 0-{Chunk - 1}/*"], gcs.ContentRanges);
        var held = Assert.Single(heldWhileStaged);
        Assert.False(File.Exists(held));
    }

    private static string Md5Header(byte[] content) => $"md5={Convert.ToBase64String(MD5.HashData(content))}";

    private static string[] HeldFiles() => Directory.GetFiles(Path.GetTempPath(), "adminportal-staged-*.part");

    private ICloudStorage Storage() => factory.Create(new GcsDestination("acme-audit", "exports", new GcsAnonymousAuth(), gcs.Url.AbsoluteUri));

    public void Dispose()
    {
        factory.Dispose();
        gcs.Dispose();
    }
}
