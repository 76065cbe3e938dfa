using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>Builds the pipeline for a destination: Azure.Core's retries and logging plus the destination's authentication.</summary>
internal static class AzurePipelines
{
    private const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Create(AzureBlobDestination destination, TimeProvider clock, HttpPipelineTransport transport)
    {
        var options = new BlobPipelineOptions { Transport = transport };
        options.Retry.MaxRetries = 3;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(100);
        HttpPipelinePolicy[] auth = destination.Auth switch
        {
            AzureSharedKeyAuth key => [new SharedKeyPolicy(destination.AccountName, key.AccountKey, clock)],
            AzureSasAuth => [], // the token rides in every URL's query
            // The token request goes to Microsoft Entra's public authority only, over the same guarded transport.
            AzureClientSecretAuth app => [new BearerTokenAuthenticationPolicy(new ClientSecretCredential(app.TenantId, app.ClientId, app.ClientSecret,
                new ClientSecretCredentialOptions { Transport = transport, AuthorityHost = AzureAuthorityHosts.AzurePublicCloud }), StorageScope)],
            AzureTokenCredentialAuth token => [new BearerTokenAuthenticationPolicy(token.Credential, StorageScope)],
            _ => throw new NotSupportedException($"Unknown Azure authentication {destination.Auth.GetType().Name}."),
        };
        return HttpPipelineBuilder.Build(options, auth);
    }

    private sealed class BlobPipelineOptions : ClientOptions;
}
