namespace AdminPortal.CloudStorage;

/// <summary>What an upload wrote: enough for an export manifest.</summary>
public sealed record UploadResult(string Key, string ObjectName, long Bytes, string Sha256, string? ETag, string? Version, int Parts);
