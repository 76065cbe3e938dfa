using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;
using FluentValidation.Results;

namespace AdminPortal.Core.Integrations;

/// <summary>The fields of an integration as a CloudStorage destination, to validate, test or draw policies for.</summary>
internal static class IntegrationDestinations
{
    /// <summary>Fills in for a portal secret that is not configured, so validation speaks only of the form's fields.</summary>
    private const string NotConfigured = "not-configured";

    public static StorageDestination Build(StorageIntegration i, string? secret, IntegrationsOptions options, string? gcpPortalKeyJson = null)
    {
        var prefix = i.Prefix ?? "";
        var serviceUrl = string.IsNullOrWhiteSpace(i.ServiceUrl) ? null : i.ServiceUrl.Trim();
        return i.AuthMethod switch
        {
            IntegrationAuthMethod.AwsAccessKey => new S3Destination(i.Bucket, prefix, i.Region ?? "",
                new S3AccessKeyAuth(i.AccessKeyId ?? "", secret ?? ""), serviceUrl, i.PathStyle),
            // The portal's own identities talk to the clouds' real endpoints, or the operator's (AwsEndpoints), only:
            // a stored service URL is ignored.
            IntegrationAuthMethod.AwsRole => new S3Destination(i.Bucket, prefix, i.Region ?? "",
                new S3AssumeRoleAuth(i.RoleArn ?? "", i.ExternalId ?? "", PortalAwsKeys(options), StsServiceUrl: NullIfEmpty(options.AwsEndpoints.StsServiceUrl)),
                NullIfEmpty(options.AwsEndpoints.S3ServiceUrl), ForcePathStyle: NullIfEmpty(options.AwsEndpoints.S3ServiceUrl) is not null),
            IntegrationAuthMethod.AzureAccountKey => new AzureBlobDestination(i.AccountName ?? "", i.Bucket, prefix,
                new AzureSharedKeyAuth(secret ?? ""), serviceUrl),
            IntegrationAuthMethod.AzureSas => new AzureBlobDestination(i.AccountName ?? "", i.Bucket, prefix, new AzureSasAuth(secret ?? ""), serviceUrl),
            IntegrationAuthMethod.AzureApplication => new AzureBlobDestination(i.AccountName ?? "", i.Bucket, prefix,
                new AzureClientSecretAuth(i.TenantId ?? "", NullIfEmpty(options.AzureAppClientId) ?? Guid.Empty.ToString(),
                    NullIfEmpty(options.AzureAppClientSecret) ?? NotConfigured)),
            IntegrationAuthMethod.GcpServiceAccountKey => new GcsDestination(i.Bucket, prefix, new GcsServiceAccountKeyAuth(secret ?? ""), serviceUrl),
            // A custom endpoint (an emulator, which checks no credentials) is never sent the portal's key or token:
            // only the real GCS gets the portal's own key.
            IntegrationAuthMethod.GcpPortalServiceAccount => new GcsDestination(i.Bucket, prefix,
                serviceUrl is null && gcpPortalKeyJson is not null ? new GcsServiceAccountKeyAuth(gcpPortalKeyJson) : new GcsAnonymousAuth(), serviceUrl),
            _ => throw new NotSupportedException($"Unknown authentication method {i.AuthMethod}."),
        };
    }

    /// <summary>What the portal itself lacks to run a test of this method, in one line naming the settings, or null when nothing is missing.</summary>
    public static string? MissingPortalSetting(IntegrationAuthMethod method, IntegrationsOptions options, bool hasEndpoint) => method switch
    {
        IntegrationAuthMethod.AwsRole when !options.HasAwsIdentity =>
            "The portal's AWS identity is not configured: set Integrations:AwsIamUserArn, Integrations:AwsIamUserAccessKeyId and Integrations:AwsIamUserSecretAccessKey.",
        IntegrationAuthMethod.AzureApplication when string.IsNullOrEmpty(options.AzureAppClientId) || string.IsNullOrEmpty(options.AzureAppClientSecret) =>
            "The portal's Azure application is not configured: set Integrations:AzureAppClientId and Integrations:AzureAppClientSecret.",
        IntegrationAuthMethod.GcpPortalServiceAccount when !hasEndpoint && string.IsNullOrEmpty(options.GcpServiceAccountKeyFile) =>
            "The portal's Google service account is not configured: set Integrations:GcpServiceAccountKeyFile (and Integrations:GcpServiceAccount).",
        _ => null,
    };

    /// <summary>Where the operator sets what <see cref="MissingPortalSetting"/> names.</summary>
    public const string MissingPortalSettingHint =
        "Ask the portal's operator to set it in appsettings.json or the environment (Integrations__AwsIamUserArn and so on; secrets best by environment), then test again.";

    /// <summary>The methods that act with the portal's own cloud identity: used against the cloud's real endpoints only.</summary>
    public static bool UsesPortalIdentity(IntegrationAuthMethod method) =>
        method is IntegrationAuthMethod.AwsRole or IntegrationAuthMethod.AzureApplication;

    /// <summary>Where a stored secret was entered to be sent: changing it means the secret must be entered again.</summary>
    public static string SecretAudience(StorageIntegration i) =>
        $"{(i.ServiceUrl ?? "").Trim().TrimEnd('/').ToLowerInvariant()}|{(i.AccountName ?? "").Trim().ToLowerInvariant()}";

    /// <summary>The portal's IAM user's keys, or null (the role then cannot be assumed, and the test says why).</summary>
    private static S3AccessKeyAuth? PortalAwsKeys(IntegrationsOptions options) => options.HasAwsIdentity
        ? new S3AccessKeyAuth(options.AwsIamUserAccessKeyId!.Trim(), options.AwsIamUserSecretAccessKey!)
        : null;

    /// <summary>Names a CloudStorage validation failure by the form field that fixes it.</summary>
    public static (string Field, string Message) ToFormField(ValidationFailure failure)
    {
        // The portal's own keys (a role's base credentials) are settings, not the form's: shown for the whole form.
        var property = failure.PropertyName.Contains("BaseCredentials", StringComparison.Ordinal) ? "ExternalId" : failure.PropertyName.Split('.')[^1];
        var field = property switch
        {
            "Container" => nameof(DestinationInput.Bucket),
            "EndpointUrl" => nameof(DestinationInput.ServiceUrl),
            "SecretAccessKey" or "AccountKey" or "SasToken" or "KeyJson" => nameof(CreateIntegrationCommand.Secret),
            "Auth" => nameof(CreateIntegrationCommand.AuthMethod),
            // The portal's own settings, not the form's: shown for the whole form.
            "ExternalId" or "ClientId" or "ClientSecret" => "",
            _ => property,
        };
        return (field, failure.ErrorMessage);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
