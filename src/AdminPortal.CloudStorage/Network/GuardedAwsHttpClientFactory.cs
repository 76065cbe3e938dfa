using Amazon.Runtime;

namespace AdminPortal.CloudStorage.Network;

/// <summary>Gives the AWS SDK (S3 and STS) clients over the guarded handler instead of its own, which follows redirects.</summary>
internal sealed class GuardedAwsHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(handler, disposeHandler: false) { Timeout = clientConfig.Timeout ?? TimeSpan.FromMinutes(5) };

    // The handler is the pool; each HttpClient over it is a cheap wrapper the SDK may drop.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
