namespace AdminPortal.CloudStorage.S3;

/// <summary>
/// Where the portal's own AWS identity (role ARN integrations) reaches STS and S3 instead of AWS's regional endpoints
/// (settings <c>Integrations:AwsEndpoints</c>): a VPC interface endpoint, or a test's loopback STS and s3rver. Only the
/// operator sets these; an integration's own service URL never carries the portal's identity (issue 11). Each host must
/// also be an allowed custom endpoint (<c>Integrations:CustomEndpoints</c>), checked at start.
/// </summary>
public sealed class AwsEndpointsOptions
{
    /// <summary>The STS endpoint AssumeRole is sent to, signed with the portal's IAM user; empty: the role's region's STS.</summary>
    public string? StsServiceUrl { get; set; }

    /// <summary>The S3 endpoint the assumed role's credentials are used with (path-style, compatibility mode); empty: AWS S3.</summary>
    public string? S3ServiceUrl { get; set; }
}
