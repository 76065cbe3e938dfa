using System.Runtime.CompilerServices;
using System.Text;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.CloudStorage.Uploads;

namespace AdminPortal.CloudStorage;

/// <summary>What the three clouds share: the prefix, part-size checks and the connection test built on the provider's own calls.</summary>
internal abstract class CloudStorageBase(string prefix, TimeProvider clock) : ICloudStorage
{
    /// <summary>Probe objects live in their own folder under the prefix so a listing of exports never shows them.</summary>
    internal const string ProbeFolder = ".adminportal-connection-test/";

    protected string Prefix { get; } = NormalizePrefix(prefix);

    public virtual bool CompatibilityMode => false;

    /// <summary>The smallest part the cloud accepts (S3: 5 MiB except the last part).</summary>
    protected virtual int MinimumPartSize => 256 * 1024;

    /// <summary>Parts are a multiple of this (GCS: 256 KiB chunks); a larger part size is rounded down to it.</summary>
    protected virtual int PartGranularity => 1;

    private const int MaximumPartSize = 256 * 1024 * 1024;

    public abstract Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken);

    public async Task<StagedUpload> StageAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        using var reader = new PartReader(content, PartSize(options));
        return await StagePartsAsync(key, ObjectName(key), reader, await reader.ReadPartAsync(cancellationToken), options, cancellationToken);
    }

    /// <summary>Sends every part from <paramref name="part"/> on, leaving the object to appear when the result is committed.</summary>
    protected abstract Task<StagedUpload> StagePartsAsync(string key, string name, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken);

    public abstract IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken);

    public abstract Task DeleteAsync(string key, CancellationToken cancellationToken);

    public abstract Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    public async Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var key = $"{ProbeFolder}{clock.GetUtcNow():yyyyMMddTHHmmssZ}-{Guid.NewGuid():N}.txt";
        var payload = Encoding.UTF8.GetBytes($"AdminPortal connection test {clock.GetUtcNow():O}");
        try
        {
            using (var probe = new MemoryStream(payload))
            {
                await UploadAsync(key, probe, UploadOptions.Default with { ContentType = "text/plain" }, cancellationToken);
            }

            await using (var read = await OpenReadAsync(key, cancellationToken))
            using (var copy = new MemoryStream())
            {
                await read.CopyToAsync(copy, cancellationToken);
                if (!copy.ToArray().AsSpan().SequenceEqual(payload))
                {
                    return new ConnectionTestResult(false, "The probe object read back differs from what was written.",
                        "A proxy or an S3-compatible store altered the body: turn on compatibility mode (set the service URL) or check the proxy.");
                }
            }

            await DeleteAsync(key, cancellationToken);
            return ConnectionTestResult.Succeeded;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ConnectionHints.Explain(ex);
        }
    }

    public virtual void Dispose()
    {
    }

    protected string ObjectName(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return Prefix + key.TrimStart('/');
    }

    protected string KeyOf(string objectName) =>
        objectName.StartsWith(Prefix, StringComparison.Ordinal) ? objectName[Prefix.Length..] : objectName;

    protected int PartSize(UploadOptions options)
    {
        if (options.PartSizeBytes < MinimumPartSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PartSizeBytes,
                $"Parts must be at least {MinimumPartSize} bytes for this cloud.");
        }

        // One part is held in memory per running upload; larger parts buy nothing but memory.
        if (options.PartSizeBytes > MaximumPartSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PartSizeBytes, $"Parts must be at most {MaximumPartSize} bytes.");
        }

        return options.PartSizeBytes / PartGranularity * PartGranularity;
    }

    /// <summary>"exports/audit", "/exports/audit/" and "exports/audit/" all mean the folder "exports/audit/".</summary>
    internal static string NormalizePrefix(string? prefix)
    {
        var trimmed = (prefix ?? "").Trim().Trim('/');
        return trimmed.Length == 0 ? "" : trimmed + "/";
    }

    /// <summary>Runs a page-by-page listing as one sequence.</summary>
    protected static async IAsyncEnumerable<StoredObject> Paged(
        Func<string?, CancellationToken, Task<(IReadOnlyList<StoredObject> Items, string? Next)>> page,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? next = null;
        do
        {
            var (items, token) = await page(next, cancellationToken);
            foreach (var item in items)
            {
                yield return item;
            }

            next = token;
        }
        while (!string.IsNullOrEmpty(next));
    }
}
