using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace AdminPortal.Benchmarks;

/// <summary>The real portal (the Release build of AdminPortal.Web) as a child process on a free loopback port.</summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;

    private PortalProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<PortalProcess> StartAsync(string databasePath, CancellationToken ct)
    {
        var assembly = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PortalAssembly").Value!;
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException($"{assembly} is missing: build bench/AdminPortal.Benchmarks (it builds the portal too).");
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.Environment["Database__Path"] = databasePath;
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        var portal = new PortalProcess(process, address);

        // The portal says so once Kestrel listens; other lines (its first-run setup token) are not for this output.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("AdminPortal is running at", StringComparison.Ordinal) == true)
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(ct);
        if (await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), ct)) != ready.Task)
        {
            await portal.DisposeAsync();
            throw new InvalidOperationException("The portal did not start within 60 s: " + string.Join(Environment.NewLine, errors));
        }

        return portal;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
