using Google.Api.Gax;
using Google.Apis.Auth.OAuth2;
using Google.Apis.Http;
using Google.Cloud.Storage.V1;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>Builds the SDK's <see cref="StorageClient"/> for a destination, over the portal's guarded transport.</summary>
internal static class GcsClients
{
    /// <param name="credential">The scoped service account credential, or null for an emulator (no credentials at all).</param>
    /// <param name="http">The guarded factory: every request (and retry) goes through the connect-time address checks.</param>
    public static StorageClient Create(GcsDestination destination, GoogleCredential? credential, IHttpClientFactory http)
    {
        var builder = new StorageClientBuilder
        {
            // The JSON API's root under the service URL; null means Google's own endpoint.
            BaseUri = destination.EndpointUrl is null ? null : $"{destination.ServiceUri.AbsoluteUri.TrimEnd('/')}/storage/v1/",
            HttpClientFactory = http,
            // STORAGE_EMULATOR_HOST in the portal's environment must not redirect a customer's exports.
            EmulatorDetection = EmulatorDetection.None,
        };
        if (credential is null)
        {
            // Without this the builder would look for application default credentials (and ask the metadata server).
            builder.UnauthenticatedAccess = true;
        }
        else
        {
            // An ICredential is used as given: the OAuth token request of today, not the builder's self-signed JWT.
            builder.Credential = credential;
        }

        return builder.Build();
    }
}
