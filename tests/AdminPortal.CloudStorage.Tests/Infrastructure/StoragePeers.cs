using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;

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

    private readonly List<Process> processes = [];
    private readonly ConcurrentQueue<string> output = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("adminportal-peers-").FullName;

    public Uri S3Url { get; private set; } = null!;

    public Uri AzureUrl { get; private set; } = null!;

    public Uri GcsUrl { get; private set; } = null!;

    public CloudStorageFactory Factory { get; } = new();

    public S3Destination S3(string prefix, string? accessKeyId = null, string? bucket = null) =>
        new(bucket ?? S3Bucket, prefix, "us-east-1", new S3AccessKeyAuth(accessKeyId ?? S3AccessKeyId, "s3rver-ignores-the-secret"),
            ServiceUrl: S3Url.AbsoluteUri, ForcePathStyle: true);

    public AzureBlobDestination Azure(string prefix) => Azure(AzureContainer, prefix);

    public AzureBlobDestination Azure(string container, string prefix, string? accountKey = null) =>
        new(AzureAccount, container, prefix, new AzureSharedKeyAuth(accountKey ?? AzureAccountKey), $"{AzureUrl.AbsoluteUri}{AzureAccount}");

    public GcsDestination Gcs(string bucket, string prefix) => new(bucket, prefix, new GcsAnonymousAuth(), GcsUrl.AbsoluteUri);

    public async Task InitializeAsync()
    {
        var peers = PeersDirectory();
        if (!Directory.Exists(Path.Combine(peers, "node_modules")))
        {
            await RunToEndAsync("bash", [Path.Combine(peers, "install.sh")], TimeSpan.FromMinutes(8));
        }

        var bin = Path.Combine(peers, "node_modules", ".bin");
        var s3Port = FreePort();
        var azurePort = FreePort();
        var gcsPort = FreePort();
        S3Url = new Uri($"http://127.0.0.1:{s3Port}/");
        AzureUrl = new Uri($"http://127.0.0.1:{azurePort}/");
        GcsUrl = new Uri($"http://127.0.0.1:{gcsPort}/");

        Start(Path.Combine(bin, "s3rver"), ["--address", "127.0.0.1", "--port", $"{s3Port}", "--directory", Folder("s3"), "--configure-bucket", S3Bucket]);
        Start(Path.Combine(bin, "azurite-blob"), ["--blobHost", "127.0.0.1", "--blobPort", $"{azurePort}", "--location", Folder("azurite"), "--disableTelemetry", "--silent"]);
        Start("node", [Path.Combine(peers, "gcs-emulator.js"), "--port", $"{gcsPort}"], new Dictionary<string, string> { ["TMPDIR"] = Folder("gcs") });

        // Readiness per EMULATORS.md: s3rver lists its bucket; Azurite answers 403 to an unsigned list; the GCS app lists buckets.
        await Task.WhenAll(
            WaitUntilAsync(new Uri(S3Url, S3Bucket), HttpStatusCode.OK),
            WaitUntilAsync(new Uri(AzureUrl, $"{AzureAccount}?comp=list"), HttpStatusCode.Forbidden),
            WaitUntilAsync(new Uri(GcsUrl, "b"), HttpStatusCode.OK));
        using var azure = (AzureBlobStorage)Factory.Create(Azure(AzureContainer, ""));
        await azure.CreateContainerAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            try
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }

            process.Dispose();
        }

        Factory.Dispose();
        http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A peer may still be flushing; the temp folder is cleaned by the OS eventually.
        }

        return Task.CompletedTask;
    }

    private string Folder(string name) => Directory.CreateDirectory(Path.Combine(DataDirectory, name)).FullName;

    private void Start(string file, string[] arguments, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var name = Path.GetFileName(file);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue($"{name}: {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue($"{name}: {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    private async Task WaitUntilAsync(Uri url, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.StatusCode == expected)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{url} did not answer {(int)expected} within 60 s.\n{string.Join('\n', output)}");
    }

    private static async Task RunToEndAsync(string file, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}.");
        }
    }

    private static string PeersDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "peers");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/peers/package.json was not found above the test output folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class StoragePeersCollection : ICollectionFixture<StoragePeers>
{
    public const string Name = "Storage peers";
}
