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
            IntegrationAuthMethod.AwsRole => new S3Destination(i.Bucket, prefix, i.Region ?? "",
                new S3AssumeRoleAuth(i.RoleArn ?? "", i.ExternalId ?? ""), serviceUrl, i.PathStyle),
            IntegrationAuthMethod.AzureAccountKey => new AzureBlobDestination(i.AccountName ?? "", i.Bucket, prefix,
                new AzureSharedKeyAuth(secret ?? ""), serviceUrl),
            IntegrationAuthMethod.AzureSas => new AzureBlobDestination(i.AccountName ?? "", i.Bucket, prefix, new AzureSasAuth(secret ?? ""), serviceUrl),
            IntegrationAuthMethod.AzureApplication => new AzureBlobDestination(i.AccountName ?? "", i.Bucket, prefix,
                new AzureClientSecretAuth(i.TenantId ?? "", NullIfEmpty(options.AzureAppClientId) ?? Guid.Empty.ToString(),
                    NullIfEmpty(options.AzureAppClientSecret) ?? NotConfigured), serviceUrl),
            IntegrationAuthMethod.GcpServiceAccountKey => new GcsDestination(i.Bucket, prefix, new GcsServiceAccountKeyAuth(secret ?? ""), serviceUrl),
            // An emulator checks no credentials; the real GCS gets the portal's own key.
            IntegrationAuthMethod.GcpPortalServiceAccount => new GcsDestination(i.Bucket, prefix,
                gcpPortalKeyJson is null ? new GcsAnonymousAuth() : new GcsServiceAccountKeyAuth(gcpPortalKeyJson), serviceUrl),
            _ => throw new NotSupportedException($"Unknown authentication method {i.AuthMethod}."),
        };
    }

    /// <summary>What the portal itself lacks to run a test of this method, or null when nothing is missing.</summary>
    public static string? MissingPortalSetting(IntegrationAuthMethod method, IntegrationsOptions options, bool hasEndpoint) => method switch
    {
        IntegrationAuthMethod.AzureApplication when string.IsNullOrEmpty(options.AzureAppClientId) || string.IsNullOrEmpty(options.AzureAppClientSecret) =>
            "The portal's Azure application is not configured (Integrations:AzureAppClientId and AzureAppClientSecret).",
        IntegrationAuthMethod.GcpPortalServiceAccount when !hasEndpoint && string.IsNullOrEmpty(options.GcpServiceAccountKeyFile) =>
            "The portal's Google service account key is not configured (Integrations:GcpServiceAccountKeyFile).",
        _ => null,
    };

    /// <summary>Names a CloudStorage validation failure by the form field that fixes it.</summary>
    public static (string Field, string Message) ToFormField(ValidationFailure failure)
    {
        var property = failure.PropertyName.Split('.')[^1];
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
