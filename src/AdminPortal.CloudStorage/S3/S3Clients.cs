using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace AdminPortal.CloudStorage.S3;

/// <summary>Builds the S3 client for a destination: its credentials and, with a custom service URL, compatibility mode.</summary>
internal static class S3Clients
{
    /// <summary>The client, and what else the caller must dispose with it (the STS client of an assumed role).</summary>
    public static (AmazonS3Client Client, IDisposable? Owned) Create(S3Destination destination, HttpClientFactory http)
    {
        // Ours: the SDK's own client follows redirects and knows nothing of the portal's address rules.
        var config = new AmazonS3Config { HttpClientFactory = http };
        if (destination.CompatibilityMode)
        {
            config.ServiceURL = destination.ServiceUrl;
            config.ForcePathStyle = destination.ForcePathStyle;
            config.AuthenticationRegion = destination.Region;
            // S3-compatible stores reject or mis-store the SDK v4 default flexible checksums (CRC trailers in
            // aws-chunked bodies); Content-MD5 per part carries the integrity check instead.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(destination.Region);
        }

        switch (destination.Auth)
        {
            case S3AccessKeyAuth keys:
                return (new AmazonS3Client(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey), config), null);
            case S3AssumeRoleAuth role:
                var sts = CreateSts(role, destination.Region, http);
                return (new AmazonS3Client(new AssumedRoleCredentials(sts, AssumeRoleRequestFor(role)), config), sts);
            default:
                throw new NotSupportedException($"Unknown S3 authentication {destination.Auth.GetType().Name}.");
        }
    }

    internal static AmazonSecurityTokenServiceClient CreateSts(S3AssumeRoleAuth role, string region, HttpClientFactory http)
    {
        // Never the SDK's default credential chain: on a server it asks the EC2 metadata service and, failing,
        // reports four stacked exceptions; the portal uses its own IAM user or says it is not configured.
        var keys = role.BaseCredentials ?? throw new CloudStorageException(PortalIdentityMissing, "PortalIdentityNotConfigured", null);
        var config = new AmazonSecurityTokenServiceConfig { HttpClientFactory = http };
        if (!string.IsNullOrWhiteSpace(role.StsServiceUrl))
        {
            config.ServiceURL = role.StsServiceUrl;
            config.AuthenticationRegion = region;
        }
        else
        {
            // Regional STS endpoints: the global one adds latency and fails when us-east-1 has trouble.
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }

        return new AmazonSecurityTokenServiceClient(new BasicAWSCredentials(keys.AccessKeyId, keys.SecretAccessKey), config);
    }

    /// <summary>The one line shown when a role is to be assumed without the portal's own AWS keys.</summary>
    public const string PortalIdentityMissing = "The portal's AWS identity is not configured: it needs its IAM user's access key to assume the role.";

    /// <summary>The STS request that assumes the customer's role: the External ID is what the trust policy checks.</summary>
    internal static AssumeRoleRequest AssumeRoleRequestFor(S3AssumeRoleAuth role) => new()
    {
        RoleArn = role.RoleArn,
        ExternalId = role.ExternalId,
        RoleSessionName = SessionName(role.SessionName),
        DurationSeconds = 3600,
    };

    /// <summary>STS accepts 2-64 characters of [\w+=,.@-]; anything else is replaced so a display name can be used.</summary>
    internal static string SessionName(string name)
    {
        var cleaned = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || "_+=,.@-".Contains(c) ? c : '-').ToArray());
        cleaned = cleaned.Length > 64 ? cleaned[..64] : cleaned;
        return cleaned.Length < 2 ? "AdminPortal-export" : cleaned;
    }
}
