using Google.Apis.Http;

namespace AdminPortal.CloudStorage.Network;

/// <summary>Gives Google's auth library (the token request of a service account key) a client over the guarded handler, with redirects off.</summary>
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

        var client = new ConfigurableHttpClient(configurable);
        foreach (var initializer in args.Initializers)
        {
            initializer.Initialize(client);
        }

        return client;
    }
}
