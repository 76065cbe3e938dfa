namespace AdminPortal.CloudStorage;

/// <summary>How an upload is cut and labelled.</summary>
public sealed record UploadOptions
{
    public const int DefaultPartSize = 8 * 1024 * 1024;

    public static UploadOptions Default { get; } = new();

    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Bytes held in memory at once: the upload buffers one part, whatever the content's size.</summary>
    public int PartSizeBytes { get; init; } = DefaultPartSize;

    /// <summary>Reports the bytes sent so far, after each part.</summary>
    public IProgress<long>? Progress { get; init; }
}
