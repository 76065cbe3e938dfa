using AdminPortal.Core.Security.Secrets;
using AdminPortal.CloudStorage.Policies;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// View credentials: the integration's destination, the portal's identities to grant, and ready-to-paste documents.
/// Secrets entered by the user appear only as <see cref="WriteOnlySecret.Stored"/>.
/// </summary>
public sealed record IntegrationCredentials(
    string Name,
    IntegrationCloud Cloud,
    IntegrationAuthMethod AuthMethod,
    string Destination,
    DestinationInput DestinationFields,
    string? RoleArn,
    string? TenantId,
    string? AccessKeyId,
    WriteOnlySecret Secret,
    string? ExternalId,
    string? PortalIamUserArn,
    string? AzureAppName,
    string? AzureAppClientId,
    string? AzureConsentUrl,
    string? GcpServiceAccount,
    AwsPolicySet? Aws,
    AzurePolicySet? Azure,
    GcpPolicySet? Gcp,
    string? PortalIdentityNotice = null);
