using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>The emulator processes of one fixture (tests/peers): started on free loopback ports, awaited until they answer, killed at the end.</summary>
public sealed class PeerProcesses : IDisposable
{
    private readonly List<Process> processes = [];
    private readonly ConcurrentQueue<string> output = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("adminportal-peers-").FullName;

    public string Bin => Path.Combine(PeersDirectory(), "node_modules", ".bin");

    /// <summary>Installs the peers with tests/peers/install.sh when a fresh clone has none.</summary>
    public static async Task EnsureInstalledAsync()
    {
        var peers = PeersDirectory();
        if (Directory.Exists(Path.Combine(peers, "node_modules")))
        {
            return;
        }

        var info = new ProcessStartInfo("bash") { UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(peers, "install.sh"));
        using var process = Process.Start(info)!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await process.WaitForExitAsync(cancel.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/peers/install.sh exited with {process.ExitCode}.");
        }
    }

    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(DataDirectory, name)).FullName;

    public void Start(string file, string[] arguments, IDictionary<string, string>? environment = null)
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

    /// <summary>Polls <paramref name="url"/> until it answers <paramref name="expected"/> (each peer's readiness signal, EMULATORS.md).</summary>
    public async Task WaitUntilAsync(Uri url, HttpStatusCode expected)
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string PeersDirectory()
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

    public void Dispose()
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

        http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A peer may still be flushing; the temp folder is cleaned by the OS eventually.
        }
    }
}
