namespace AdminPortal.CloudStorage.S3;

/// <summary>An S3 bucket and prefix; <see cref="ServiceUrl"/> points at an S3-compatible store instead of AWS.</summary>
public sealed record S3Destination(string Bucket, string Prefix, string Region, S3Auth Auth, string? ServiceUrl = null, bool ForcePathStyle = false)
    : StorageDestination(Prefix)
{
    public override CloudProvider Provider => CloudProvider.AmazonS3;

    public override string BucketName => Bucket;

    /// <summary>
    /// S3-compatible stores (MinIO, Ceph, s3rver...) often store the SDK's aws-chunked framing as the object's bytes,
    /// so with a custom service URL uploads send plain bodies with Content-MD5 and checksums only where required.
    /// </summary>
    public bool CompatibilityMode => !string.IsNullOrWhiteSpace(ServiceUrl);
}
