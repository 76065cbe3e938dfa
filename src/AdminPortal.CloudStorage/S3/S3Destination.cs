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

/// <summary>How the portal authenticates to S3.</summary>
public abstract record S3Auth;

/// <summary>A long-lived access key pair (self-hosted stores, or an IAM user the customer created).</summary>
public sealed record S3AccessKeyAuth(string AccessKeyId, string SecretAccessKey) : S3Auth
{
    // Records print every property; the secret must never reach a log line.
    public override string ToString() => $"{nameof(S3AccessKeyAuth)} {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}

/// <summary>
/// The customer's role, assumed with STS on top of base credentials (the portal's own IAM user; without them the role
/// cannot be assumed, never through the SDK's default credential chain); <see cref="ExternalId"/> guards against the confused deputy.
/// </summary>
public sealed record S3AssumeRoleAuth(string RoleArn, string ExternalId, S3AccessKeyAuth? BaseCredentials = null, string SessionName = "AdminPortal-export",
    string? StsServiceUrl = null) : S3Auth;
