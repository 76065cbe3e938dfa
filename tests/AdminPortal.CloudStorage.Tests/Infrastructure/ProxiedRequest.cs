namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>A request <see cref="RecordingProxy"/> forwarded: what the emulator was sent, and the status it answered.</summary>
public sealed record ProxiedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, int BodyLength, string BodyMd5,
    int Status)
{
    /// <summary>The Content-MD5 header the request carried, if any.</summary>
    public string? ContentMd5 => Headers.GetValueOrDefault("Content-MD5");

    /// <summary>The access key id the request's SigV4 Authorization names.</summary>
    public string? SignedWithAccessKeyId => Headers.TryGetValue("Authorization", out var auth) && auth.IndexOf("Credential=", StringComparison.Ordinal) is var at and >= 0
        ? auth[(at + "Credential=".Length)..].Split('/')[0]
        : null;

    /// <summary>An upload of object bytes: PutObject or UploadPart, a PUT to /bucket/key (path style) that copies nothing.</summary>
    public bool IsUpload => Method == "PUT" && !Headers.ContainsKey("x-amz-copy-source")
        && PathAndQuery.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).Length >= 2;
}
