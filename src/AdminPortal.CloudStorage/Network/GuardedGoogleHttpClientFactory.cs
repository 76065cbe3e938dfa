using Google.Apis.Http;

namespace AdminPortal.CloudStorage.Network;

/// <summary>
/// Gives Google's libraries (the GCS StorageClient and its resumable uploads, and the token request of a service account
/// key) clients over the guarded handler, with redirects off.
/// </summary>
internal sealed class GuardedGoogleHttpClientFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public ConfigurableHttpClient CreateHttpClient(CreateHttpClientArgs args)
    {
        // Google's ConfigurableMessageHandler follows redirects itself unless told not to.
        var configurable = new ConfigurableMessageHandler(new SharedHandler(handler)) { FollowRedirect = false };
        if (!string.IsNullOrEmpty(args.ApplicationName))
        {
            configurable.ApplicationName = args.ApplicationName;
        }

        // HttpClient's 100 s default would cut a chunk of a large part on a slow link; the SDK retries within this.
        var client = new ConfigurableHttpClient(configurable) { Timeout = TimeSpan.FromMinutes(10) };
        foreach (var initializer in args.Initializers)
        {
            initializer.Initialize(client);
        }

        return client;
    }
}
