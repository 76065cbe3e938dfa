using System.Text.Json;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Network;
using AdminPortal.CloudStorage.S3;
using Azure.Core.Pipeline;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.CloudStorage;

/// <summary>Opens the <see cref="ICloudStorage"/> for a destination; the caller disposes it after the run or test.</summary>
/// <remarks>
/// Every request of every cloud goes through one handler built by <see cref="EndpointPolicy"/>: no redirects, no proxy,
/// addresses checked at connect time. A custom endpoint the policy does not allow is refused here, before any request.
/// </remarks>
public sealed class CloudStorageFactory : IDisposable
{
    private const string GcsReadWriteScope = "https://www.googleapis.com/auth/devstorage.read_write";

    /// <summary>The only token endpoint a service account key may name: a key's token request carries a signed assertion.</summary>
    public const string GoogleTokenUri = "https://oauth2.googleapis.com/token";

    private readonly ILoggerFactory loggers;
    private readonly TimeProvider time;
    private readonly EndpointPolicy endpoints;
    private readonly SocketsHttpHandler handler;
    private readonly HttpClientTransport azureTransport;
    private readonly GuardedAwsHttpClientFactory awsHttp;
    private readonly GuardedGoogleHttpClientFactory googleHttp;

    public CloudStorageFactory(ILoggerFactory? loggerFactory = null, TimeProvider? clock = null, EndpointPolicy? endpoints = null)
    {
        loggers = loggerFactory ?? NullLoggerFactory.Instance;
        time = clock ?? TimeProvider.System;
        this.endpoints = endpoints ?? new EndpointPolicy();
        handler = this.endpoints.CreateHandler();
        // The Azure SDK times each try itself (NetworkTimeout); the client's own timeout would cut long uploads.
        azureTransport = new HttpClientTransport(new HttpClient(new SharedHandler(handler)) { Timeout = Timeout.InfiniteTimeSpan });
        awsHttp = new GuardedAwsHttpClientFactory(handler);
        googleHttp = new GuardedGoogleHttpClientFactory(handler);
    }

    /// <summary>The rules this factory connects by.</summary>
    public EndpointPolicy Endpoints => endpoints;

    public ICloudStorage Create(StorageDestination destination)
    {
        foreach (var url in CustomEndpoints(destination))
        {
            endpoints.EnsureCustomEndpointAllowed(url);
        }

        return destination switch
        {
            S3Destination s3 => S3(s3),
            AzureBlobDestination azure => new AzureBlobStorage(AzureBlobClients.Create(azure, azureTransport), azure, time),
            GcsDestination gcs => new GcsCloudStorage(GcsClients.Create(gcs, GcsCredential(gcs.Auth), googleHttp), gcs, loggers.CreateLogger<GcsCloudStorage>(), time),
            _ => throw new NotSupportedException($"No cloud storage for {destination.GetType().Name}."),
        };
    }

    public void Dispose()
    {
        handler.Dispose();
    }

    private static IEnumerable<string?> CustomEndpoints(StorageDestination destination) => destination switch
    {
        S3Destination s3 => [s3.ServiceUrl, (s3.Auth as S3AssumeRoleAuth)?.StsServiceUrl],
        AzureBlobDestination azure => [azure.EndpointUrl],
        GcsDestination gcs => [gcs.EndpointUrl],
        _ => [],
    };

    private S3CloudStorage S3(S3Destination destination)
    {
        var (client, owned) = S3Clients.Create(destination, awsHttp);
        return new S3CloudStorage(client, destination, loggers.CreateLogger<S3CloudStorage>(), time, owned);
    }

    private GoogleCredential? GcsCredential(GcsAuth auth) => auth switch
    {
        GcsServiceAccountKeyAuth key => CredentialFactory.FromJson<ServiceAccountCredential>(WithGoogleTokenUri(key.KeyJson)).ToGoogleCredential()
            .CreateWithHttpClientFactory(googleHttp).CreateScoped(GcsReadWriteScope),
        GcsAnonymousAuth => null,
        _ => throw new NotSupportedException($"Unknown GCS authentication {auth.GetType().Name}."),
    };

    /// <summary>A key whose token_uri is not Google's would POST a signed assertion (good for an hour) to that URL: refused.</summary>
    private static string WithGoogleTokenUri(string keyJson)
    {
        if (TokenUriOf(keyJson) is { } tokenUri && tokenUri != GoogleTokenUri)
        {
            throw new EndpointRefusedException($"The key file's token_uri must be {GoogleTokenUri}; the portal does not send a key's assertion elsewhere.");
        }

        return keyJson;
    }

    /// <summary>The "token_uri" of a service account key JSON, or null when it has none (Google's is then used).</summary>
    public static string? TokenUriOf(string keyJson)
    {
        try
        {
            using var key = JsonDocument.Parse(keyJson);
            return key.RootElement.ValueKind == JsonValueKind.Object && key.RootElement.TryGetProperty("token_uri", out var uri)
                ? uri.ValueKind == JsonValueKind.String ? uri.GetString() : uri.GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
