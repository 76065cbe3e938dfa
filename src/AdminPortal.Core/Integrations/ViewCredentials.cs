using System.Security.Claims;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Policies;
using AdminPortal.CloudStorage.S3;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>View credentials: what the customer grants, and the documents that grant it. Never a stored secret.</summary>
public sealed class ViewCredentials(
    IDbContextFactory<PortalDbContext> dbFactory,
    UserSessions sessions,
    IntegrationAuditTrail trail,
    IOptions<IntegrationsOptions> options)
{
    public async Task<IntegrationCredentials?> HandleAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return null;
        }

        var settings = options.Value;
        // The secret is not decrypted: the documents depend on the method and destination only.
        var destination = IntegrationDestinations.Build(i, secret: null, settings);
        AwsPolicySet? aws = null;
        AzurePolicySet? azure = null;
        GcpPolicySet? gcp = null;
        string? consentUrl = null;
        switch (destination)
        {
            case S3Destination s3:
                aws = PolicyDocuments.ForS3(s3, Or(settings.AwsIamUserArn, "<the portal's IAM user ARN>"), i.ExternalId ?? "");
                break;
            case AzureBlobDestination blob:
                azure = PolicyDocuments.ForAzure(blob, Or(settings.AzureAppClientId, "<application-id>"), Or(settings.AzureAppName, "AdminPortal"), tenantId: i.TenantId);
                consentUrl = string.IsNullOrEmpty(settings.AzureConsentUrl)
                    ? azure.ConsentUrl
                    : settings.AzureConsentUrl
                        .Replace("{tenantId}", Uri.EscapeDataString(i.TenantId ?? "organizations"), StringComparison.Ordinal)
                        .Replace("{clientId}", Uri.EscapeDataString(Or(settings.AzureAppClientId, "<application-id>")), StringComparison.Ordinal);
                azure = azure with { ConsentUrl = consentUrl };
                break;
            case GcsDestination gcs:
                gcp = PolicyDocuments.ForGcs(gcs, Or(settings.GcpServiceAccount, "<the portal's service account>"), "<project-id>");
                break;
        }

        var notice = i.AuthMethod switch
        {
            IntegrationAuthMethod.AwsRole when string.IsNullOrWhiteSpace(settings.AwsIamUserArn) =>
                "The portal's IAM user is not configured, so the trust policy's Principal is a placeholder: set Integrations:AwsIamUserArn "
                + "(with Integrations:AwsIamUserAccessKeyId and Integrations:AwsIamUserSecretAccessKey) and open View credentials again.",
            _ => IntegrationDestinations.MissingPortalSetting(i.AuthMethod, settings, !string.IsNullOrWhiteSpace(i.ServiceUrl)),
        };

        await trail.AuditAsync(actor.ActorName(), "IntegrationCredentialsViewed", "Storage integration credentials viewed", "read", i, null, ct);
        return new IntegrationCredentials(
            i.Name, i.Cloud, i.AuthMethod, i.DisplayDestination,
            IntegrationRules.DestinationOf(i),
            i.RoleArn, i.TenantId, i.AccessKeyId,
            i.EncryptedSecret is null ? WriteOnlySecret.Empty : WriteOnlySecret.Stored,
            i.ExternalId,
            i.Cloud == IntegrationCloud.Aws ? settings.AwsIamUserArn : null,
            i.Cloud == IntegrationCloud.Azure ? settings.AzureAppName : null,
            i.Cloud == IntegrationCloud.Azure ? settings.AzureAppClientId : null,
            consentUrl,
            i.Cloud == IntegrationCloud.Gcp ? settings.GcpServiceAccount : null,
            aws, azure, gcp, notice);
    }

    /// <summary>A setting left empty in appsettings binds as "", not null.</summary>
    private static string Or(string? setting, string fallback) => string.IsNullOrWhiteSpace(setting) ? fallback : setting;
}
