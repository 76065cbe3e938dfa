namespace AdminPortal.Core.Integrations;

/// <summary>How the portal authenticates to the customer's storage.</summary>
public enum IntegrationAuthMethod
{
    /// <summary>The customer's role, assumed by the portal's IAM user with the integration's External ID.</summary>
    AwsRole,

    /// <summary>An access key pair (self-hosted buckets, S3-compatible stores).</summary>
    AwsAccessKey,

    /// <summary>The portal's multi-tenant app, consented in the customer's tenant.</summary>
    AzureApplication,

    AzureAccountKey,
    AzureSas,

    /// <summary>The portal's own service account, granted a custom role on the bucket.</summary>
    GcpPortalServiceAccount,

    /// <summary>A service account key JSON the customer pasted.</summary>
    GcpServiceAccountKey,
}
