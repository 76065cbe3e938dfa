using AdminPortal.CloudStorage.Policies;
using AdminPortal.Core.Integrations;

namespace AdminPortal.Web.Api.Integrations;

/// <summary>View credentials: what the customer grants and the documents that grant it; whether a secret is stored, never the secret.</summary>
public sealed record IntegrationCredentialsResponse(
    string Name, IntegrationCloud Cloud, IntegrationAuthMethod AuthMethod, string Destination, DestinationInput DestinationFields,
    string? RoleArn, string? TenantId, string? AccessKeyId, bool SecretStored, string? ExternalId,
    string? PortalIamUserArn, string? AzureAppName, string? AzureAppClientId, string? AzureConsentUrl, string? GcpServiceAccount,
    AwsPolicySet? Aws, AzurePolicySet? Azure, GcpPolicySet? Gcp, string? PortalIdentityNotice)
{
    public static IntegrationCredentialsResponse From(IntegrationCredentials c) => new(
        c.Name, c.Cloud, c.AuthMethod, c.Destination, c.DestinationFields, c.RoleArn, c.TenantId, c.AccessKeyId, c.Secret.IsStored,
        c.ExternalId, c.PortalIamUserArn, c.AzureAppName, c.AzureAppClientId, c.AzureConsentUrl, c.GcpServiceAccount,
        c.Aws, c.Azure, c.Gcp, c.PortalIdentityNotice);
}
