using System.Diagnostics;
using System.Net;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>An s3rver of a test's own, which the test can stop and start again on the same port and data: a storage outage.</summary>
public sealed class S3Peer : IAsyncLifetime
{
    public const string Bucket = "outage-exports";

    private readonly PeerProcesses peers = new();
    private Process? process;
    private int port;

    public Uri Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await PeerProcesses.EnsureInstalledAsync();
        port = PeerProcesses.FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        await StartAsync();
    }

    /// <summary>Starts s3rver (again) and waits until it lists the bucket.</summary>
    public async Task StartAsync()
    {
        process = peers.StartS3rver(port, Bucket);
        await peers.WaitUntilAsync(new Uri(Url, Bucket), HttpStatusCode.OK);
    }

    /// <summary>Kills s3rver: from now on every request to it is refused.</summary>
    public void Stop()
    {
        if (process is not null)
        {
            peers.Stop(process);
            process = null;
        }
    }

    public Task DisposeAsync()
    {
        peers.Dispose();
        return Task.CompletedTask;
    }
}
