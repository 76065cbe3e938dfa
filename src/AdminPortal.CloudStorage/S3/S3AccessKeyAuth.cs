namespace AdminPortal.CloudStorage.S3;

/// <summary>A long-lived access key pair (self-hosted stores, or an IAM user the customer created).</summary>
public sealed record S3AccessKeyAuth(string AccessKeyId, string SecretAccessKey) : S3Auth
{
    // Records print every property; the secret must never reach a log line.
    public override string ToString() => $"{nameof(S3AccessKeyAuth)} {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}
