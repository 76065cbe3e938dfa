using System.Net;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Network;
using AdminPortal.CloudStorage.S3;
using Azure.Storage;
using Azure.Storage.Sas;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>s3rver, Azurite and the GCS emulator, each started once on a free loopback port with its own data folder.</summary>
public sealed class StoragePeers : IAsyncLifetime
{
    /// <summary>The only access key id s3rver accepts; it does not check the secret.</summary>
    public const string S3AccessKeyId = "S3RVER";
    public const string S3Bucket = "audit-exports";
    public const string AzureAccount = "devstoreaccount1";
    public const string AzureContainer = "audit-exports";

    /// <summary>Azurite's documented well-known key for devstoreaccount1.</summary>
    public const string AzureAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly PeerProcesses peers = new();

    public string DataDirectory => peers.DataDirectory;

    public Uri S3Url { get; private set; } = null!;

    public Uri AzureUrl { get; private set; } = null!;

    public Uri GcsUrl { get; private set; } = null!;

    /// <summary>The policy the emulators need: custom endpoints on, for 127.0.0.1 only (as the portal's tests configure it).</summary>
    public static EndpointPolicy LoopbackPolicy(params string[] moreHosts) =>
        new(new CustomEndpointsOptions { Enabled = true, AllowedHosts = ["127.0.0.1", .. moreHosts] });

    public CloudStorageFactory Factory { get; } = new(endpoints: LoopbackPolicy());

    public S3Destination S3(string prefix, string? accessKeyId = null, string? bucket = null) =>
        new(bucket ?? S3Bucket, prefix, "us-east-1", new S3AccessKeyAuth(accessKeyId ?? S3AccessKeyId, "s3rver-ignores-the-secret"),
            ServiceUrl: S3Url.AbsoluteUri, ForcePathStyle: true);

    public AzureBlobDestination Azure(string prefix) => Azure(AzureContainer, prefix);

    public AzureBlobDestination Azure(string container, string prefix, string? accountKey = null) =>
        new(AzureAccount, container, prefix, new AzureSharedKeyAuth(accountKey ?? AzureAccountKey), $"{AzureUrl.AbsoluteUri}{AzureAccount}");

    public GcsDestination Gcs(string bucket, string prefix) => new(bucket, prefix, new GcsAnonymousAuth(), GcsUrl.AbsoluteUri);

    /// <summary>An account SAS for Azurite's account (blob service, all resource types), signed by the SDK's builder.</summary>
    public static string AzureAccountSas(string permissions)
    {
        var builder = new AccountSasBuilder(0, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Blobs, AccountSasResourceTypes.All)
        {
            Protocol = SasProtocol.HttpsAndHttp,
            // The version the portal's clients speak: Azurite 3.37 knows no later one.
            Version = "2025-11-05",
        };
        builder.SetPermissions(permissions);
        return "?" + builder.ToSasQueryParameters(new StorageSharedKeyCredential(AzureAccount, AzureAccountKey));
    }

    public async Task InitializeAsync()
    {
        await PeerProcesses.EnsureInstalledAsync();
        var bin = peers.Bin;
        var s3Port = PeerProcesses.FreePort();
        var azurePort = PeerProcesses.FreePort();
        var gcsPort = PeerProcesses.FreePort();
        S3Url = new Uri($"http://127.0.0.1:{s3Port}/");
        AzureUrl = new Uri($"http://127.0.0.1:{azurePort}/");
        GcsUrl = new Uri($"http://127.0.0.1:{gcsPort}/");

        peers.StartS3rver(s3Port, S3Bucket);
        peers.Start(Path.Combine(bin, "azurite-blob"), ["--blobHost", "127.0.0.1", "--blobPort", $"{azurePort}", "--location", peers.Folder("azurite"), "--disableTelemetry", "--silent"]);
        peers.Start("node", [Path.Combine(PeerProcesses.PeersDirectory(), "gcs-emulator.js"), "--port", $"{gcsPort}"], new Dictionary<string, string> { ["TMPDIR"] = peers.Folder("gcs") });

        // Readiness per EMULATORS.md: s3rver lists its bucket; Azurite answers 403 to an unsigned list; the GCS app lists buckets.
        await Task.WhenAll(
            peers.WaitUntilAsync(new Uri(S3Url, S3Bucket), HttpStatusCode.OK),
            peers.WaitUntilAsync(new Uri(AzureUrl, $"{AzureAccount}?comp=list"), HttpStatusCode.Forbidden),
            peers.WaitUntilAsync(new Uri(GcsUrl, "b"), HttpStatusCode.OK));
        using var azure = (AzureBlobStorage)Factory.Create(Azure(AzureContainer, ""));
        await azure.CreateContainerAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        peers.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class StoragePeersCollection : ICollectionFixture<StoragePeers>
{
    public const string Name = "Storage peers";
}
