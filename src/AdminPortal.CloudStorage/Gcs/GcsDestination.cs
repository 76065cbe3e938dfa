namespace AdminPortal.CloudStorage.Gcs;

/// <summary>A GCS bucket and prefix; <see cref="EndpointUrl"/> points at an emulator instead of storage.googleapis.com.</summary>
public sealed record GcsDestination(string Bucket, string Prefix, GcsAuth Auth, string? EndpointUrl = null) : StorageDestination(Prefix)
{
    public override CloudProvider Provider => CloudProvider.GoogleCloudStorage;

    public override string BucketName => Bucket;

    public Uri ServiceUri => new((EndpointUrl ?? "https://storage.googleapis.com").TrimEnd('/'));
}
