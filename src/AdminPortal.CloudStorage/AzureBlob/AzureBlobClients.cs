using Azure;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>The SDK's container client for a destination: its credential, over the guarded transport, sending Content-MD5 on every upload.</summary>
internal static class AzureBlobClients
{
    /// <summary>Served by Azure and by Azurite 3.37 (which refuses versions after 2026-06-06; the SDK's own default is newer).</summary>
    internal const BlobClientOptions.ServiceVersion ServiceVersion = BlobClientOptions.ServiceVersion.V2025_11_05;

    public static BlobContainerClient Create(AzureBlobDestination destination, HttpPipelineTransport transport)
    {
        var options = new BlobClientOptions(ServiceVersion) { Transport = transport };
        Sane(options.Retry);
        // Content-MD5 on each Put Block and Put Blob: the service refuses bytes altered on the way (Md5Mismatch), and
        // containers with immutability policies take the write.
        options.TransferValidation.Upload.ChecksumAlgorithm = StorageChecksumAlgorithm.MD5;

        var container = new Uri($"{destination.ServiceUri.AbsoluteUri.TrimEnd('/')}/{Uri.EscapeDataString(destination.Container)}");
        return destination.Auth switch
        {
            AzureSharedKeyAuth key => new BlobContainerClient(container, new StorageSharedKeyCredential(destination.AccountName, key.AccountKey), options),
            AzureSasAuth sas => new BlobContainerClient(container, new AzureSasCredential(sas.SasToken.Trim().TrimStart('?')), options),
            // The token request goes to Microsoft Entra's public authority only, over the same guarded transport.
            AzureClientSecretAuth app => new BlobContainerClient(container, new ClientSecretCredential(app.TenantId, app.ClientId, app.ClientSecret,
                Sane(new ClientSecretCredentialOptions { Transport = transport, AuthorityHost = AzureAuthorityHosts.AzurePublicCloud })), options),
            AzureTokenCredentialAuth token => new BlobContainerClient(container, token.Credential, options),
            _ => throw new NotSupportedException($"Unknown Azure authentication {destination.Auth.GetType().Name}."),
        };
    }

    private static ClientSecretCredentialOptions Sane(ClientSecretCredentialOptions options)
    {
        Sane(options.Retry);
        return options;
    }

    /// <summary>
    /// Three tries more, each cut after 100 s without progress: the export run retries a failed part itself, so the
    /// SDK's retries only cover a hiccup (a dropped connection, a 503) and never stack into hour-long waits.
    /// </summary>
    private static void Sane(Azure.Core.RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        retry.MaxDelay = TimeSpan.FromSeconds(30);
    }
}
