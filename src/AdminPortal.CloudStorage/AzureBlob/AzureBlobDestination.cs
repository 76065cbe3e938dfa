using Azure.Core;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>
/// A container and prefix in an Azure storage account. <see cref="EndpointUrl"/> overrides the account's
/// blob endpoint, e.g. Azurite's path-style <c>http://127.0.0.1:10000/devstoreaccount1</c>.
/// </summary>
public sealed record AzureBlobDestination(string AccountName, string Container, string Prefix, AzureAuth Auth, string? EndpointUrl = null)
    : StorageDestination(Prefix)
{
    public override CloudProvider Provider => CloudProvider.AzureBlob;

    public override string BucketName => Container;

    public Uri ServiceUri => new((EndpointUrl ?? $"https://{AccountName}.blob.core.windows.net").TrimEnd('/'));
}

/// <summary>How the portal authenticates to Azure Blob Storage.</summary>
public abstract record AzureAuth;

/// <summary>The storage account's access key (Shared Key signing).</summary>
public sealed record AzureSharedKeyAuth(string AccountKey) : AzureAuth
{
    public override string ToString() => $"{nameof(AzureSharedKeyAuth)} {{ AccountKey = *** }}";
}

/// <summary>An account or container SAS token (with or without the leading '?').</summary>
public sealed record AzureSasAuth(string SasToken) : AzureAuth
{
    public override string ToString() => $"{nameof(AzureSasAuth)} {{ SasToken = *** }}";
}

/// <summary>A Microsoft Entra application (the portal's multi-tenant app, consented in the customer's tenant).</summary>
public sealed record AzureClientSecretAuth(string TenantId, string ClientId, string ClientSecret) : AzureAuth
{
    public override string ToString() => $"{nameof(AzureClientSecretAuth)} {{ TenantId = {TenantId}, ClientId = {ClientId}, ClientSecret = *** }}";
}

/// <summary>Any Azure.Identity credential (managed identity, workload identity...).</summary>
public sealed record AzureTokenCredentialAuth(TokenCredential Credential) : AzureAuth;
