using AdminPortal.CloudStorage.Network;
using AdminPortal.CloudStorage.S3;

namespace AdminPortal.Core.Integrations;

/// <summary>The portal's own cloud identities, shown by View credentials for the customer to grant (section "Integrations").</summary>
public sealed class IntegrationsOptions
{
    public const string Section = "Integrations";

    /// <summary>The portal's IAM user, the Principal of each role trust policy (arn:aws:iam::123456789012:user/adminportal).</summary>
    public string? AwsIamUserArn { get; set; }

    /// <summary>The access key id of <see cref="AwsIamUserArn"/>: the only credentials the portal assumes customers' roles with.</summary>
    public string? AwsIamUserAccessKeyId { get; set; }

    /// <summary>The secret of <see cref="AwsIamUserAccessKeyId"/>; better set by environment (Integrations__AwsIamUserSecretAccessKey) than in a file.</summary>
    public string? AwsIamUserSecretAccessKey { get; set; }

    /// <summary>The display name of the portal's multi-tenant Entra application.</summary>
    public string? AzureAppName { get; set; }

    public string? AzureAppClientId { get; set; }

    /// <summary>The application's client secret, used to act in a consenting tenant; better set by environment than in a file.</summary>
    public string? AzureAppClientSecret { get; set; }

    /// <summary>The admin consent URL with <c>{tenantId}</c> and <c>{clientId}</c> placeholders.</summary>
    public string? AzureConsentUrl { get; set; }

    /// <summary>The portal's Google service account e-mail, granted the custom role on each bucket.</summary>
    public string? GcpServiceAccount { get; set; }

    /// <summary>The JSON key file of <see cref="GcpServiceAccount"/>; relative paths are from the working folder.</summary>
    public string? GcpServiceAccountKeyFile { get; set; }

    /// <summary>How old an integration's last test may grow before the health check re-tests it.</summary>
    public double HealthCheckIntervalHours { get; set; } = 24;

    /// <summary>Service URLs other than the clouds' own (S3-compatible stores, emulators): off unless enabled, and only to listed hosts.</summary>
    public CustomEndpointsOptions CustomEndpoints { get; set; } = new();

    /// <summary>The operator's STS / S3 endpoints for role ARN integrations (a VPC endpoint, a test's loopback STS); empty: AWS's own.</summary>
    public AwsEndpointsOptions AwsEndpoints { get; set; } = new();

    /// <summary>True when the portal has the whole AWS identity it assumes customers' roles with.</summary>
    public bool HasAwsIdentity =>
        !string.IsNullOrWhiteSpace(AwsIamUserArn) && !string.IsNullOrWhiteSpace(AwsIamUserAccessKeyId) && !string.IsNullOrWhiteSpace(AwsIamUserSecretAccessKey);
}
