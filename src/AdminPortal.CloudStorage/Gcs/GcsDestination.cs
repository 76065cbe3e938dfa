namespace AdminPortal.CloudStorage.Gcs;

/// <summary>A GCS bucket and prefix; <see cref="EndpointUrl"/> points at an emulator instead of storage.googleapis.com.</summary>
public sealed record GcsDestination(string Bucket, string Prefix, GcsAuth Auth, string? EndpointUrl = null) : StorageDestination(Prefix)
{
    public override CloudProvider Provider => CloudProvider.GoogleCloudStorage;

    public override string BucketName => Bucket;

    public Uri ServiceUri => new((EndpointUrl ?? "https://storage.googleapis.com").TrimEnd('/'));
}

/// <summary>How the portal authenticates to GCS.</summary>
public abstract record GcsAuth;

/// <summary>A service account's JSON key, as downloaded from the console.</summary>
public sealed record GcsServiceAccountKeyAuth(string KeyJson) : GcsAuth
{
    public override string ToString() => $"{nameof(GcsServiceAccountKeyAuth)} {{ KeyJson = *** }}";
}

/// <summary>No credentials: only for an emulator, which checks none.</summary>
public sealed record GcsAnonymousAuth : GcsAuth;
