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
