namespace AdminPortal.CloudStorage;

/// <summary>One object found by a listing.</summary>
public sealed record StoredObject(string Key, string ObjectName, long Size, DateTimeOffset? LastModified, string? ETag);
