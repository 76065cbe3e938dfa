using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.CloudStorage;

/// <summary>Opens the <see cref="ICloudStorage"/> for a destination; the caller disposes it after the run or test.</summary>
public sealed class CloudStorageFactory(ILoggerFactory? loggerFactory = null, TimeProvider? clock = null) : IDisposable
{
    private const string GcsReadWriteScope = "https://www.googleapis.com/auth/devstorage.read_write";

    private readonly ILoggerFactory loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly TimeProvider time = clock ?? TimeProvider.System;

    // One connection pool for every GCS destination; recycled so DNS changes are seen.
    private readonly HttpClient gcsHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromMinutes(10),
    };

    public ICloudStorage Create(StorageDestination destination) => destination switch
    {
        S3Destination s3 => S3(s3),
        AzureBlobDestination azure => new AzureBlobStorage(AzurePipelines.Create(azure, time), azure, time),
        GcsDestination gcs => new GcsCloudStorage(gcsHttp, gcs, GcsTokens(gcs.Auth), loggers.CreateLogger<GcsCloudStorage>(), time),
        _ => throw new NotSupportedException($"No cloud storage for {destination.GetType().Name}."),
    };

    public void Dispose() => gcsHttp.Dispose();

    private S3CloudStorage S3(S3Destination destination)
    {
        var (client, owned) = S3Clients.Create(destination);
        return new S3CloudStorage(client, destination, loggers.CreateLogger<S3CloudStorage>(), time, owned);
    }

    private static ITokenAccess? GcsTokens(GcsAuth auth) => auth switch
    {
        GcsServiceAccountKeyAuth key => CredentialFactory.FromJson<ServiceAccountCredential>(key.KeyJson).ToGoogleCredential().CreateScoped(GcsReadWriteScope),
        GcsAnonymousAuth => null,
        _ => throw new NotSupportedException($"Unknown GCS authentication {auth.GetType().Name}."),
    };
}
