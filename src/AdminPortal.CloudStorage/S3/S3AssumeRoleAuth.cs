namespace AdminPortal.CloudStorage.S3;

/// <summary>
/// The customer's role, assumed with STS on top of base credentials (the portal's own IAM user; without them the role
/// cannot be assumed, never through the SDK's default credential chain); <see cref="ExternalId"/> guards against the confused deputy.
/// </summary>
public sealed record S3AssumeRoleAuth(string RoleArn, string ExternalId, S3AccessKeyAuth? BaseCredentials = null, string SessionName = "AdminPortal-export",
    string? StsServiceUrl = null) : S3Auth;
