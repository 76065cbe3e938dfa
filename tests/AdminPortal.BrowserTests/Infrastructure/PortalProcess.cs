using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>The portal as a user starts it: its own process on a free loopback port, with a fresh data folder.</summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    // PORTAL_LOG_DIR=<folder> keeps each portal's output in a file there, to read what the server did when a test failed.
    private readonly string? logFile = Environment.GetEnvironmentVariable("PORTAL_LOG_DIR") is { Length: > 0 } dir
        ? Path.Combine(Directory.CreateDirectory(dir).FullName, $"portal-{Guid.NewGuid():N}.log")
        : null;
    private readonly TaskCompletionSource<string> started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process, string dataDirectory, Uri baseUrl)
    {
        this.process = process;
        DataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string DataDirectory { get; }

    /// <summary>The SQLite file the portal uses: inside a data folder of its own, as the portal's default layout has it.</summary>
    public string DatabasePath => DatabasePathIn(DataDirectory);

    /// <summary>The one-time setup token from the console, if the portal printed one.</summary>
    public string? SetupToken => output
        .Select(line => line.StartsWith("AdminPortal setup token: ", StringComparison.Ordinal) ? line["AdminPortal setup token: ".Length..].Trim() : null)
        .LastOrDefault(token => token is not null);

    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>The CPU time the portal's process has used so far (bench/ divides it by the events it stored).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Starts the portal on a fresh data folder, or on <paramref name="dataDirectory"/> as a restart after a crash.</summary>
    public static async Task<PortalProcess> StartAsync(IDictionary<string, string>? settings = null, int seedDemoEvents = 0, string? dataDirectory = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("adminportal-browser-").FullName;
        if (seedDemoEvents > 0)
        {
            // As a user fills a fresh install: the portal's own --seed-demo switch, run to completion first.
            using var seed = Process.Start(Info(data, settings, "--seed-demo", seedDemoEvents.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
            await seed.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            if (seed.ExitCode != 0)
            {
                throw new InvalidOperationException("--seed-demo failed: " + await seed.StandardError.ReadToEndAsync());
            }
        }

        var port = FreePort();
        var info = Info(data, settings, "--urls", $"http://127.0.0.1:{port}");
        var portal = new PortalProcess(new Process { StartInfo = info, EnableRaisingEvents = true }, data, new Uri($"http://127.0.0.1:{port}/"));
        portal.process.OutputDataReceived += (_, e) => portal.OnLine(e.Data);
        portal.process.ErrorDataReceived += (_, e) => portal.OnLine(e.Data);
        portal.process.Exited += (_, _) => portal.started.TrySetException(new InvalidOperationException("The portal exited:\n" + portal.Output));
        portal.process.Start();
        portal.process.BeginOutputReadLine();
        portal.process.BeginErrorReadLine();
        await portal.started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return portal;
    }

    private static ProcessStartInfo Info(string data, IDictionary<string, string>? settings, params string[] args)
    {
        var dll = typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalDll").Value!;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = data,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // In a folder of its own: the master key file is created beside the data folder.
        info.Environment["Database__Path"] = DatabasePathIn(data);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The emulators run on 127.0.0.1: the portal under test allows custom endpoints to that host only.
        info.Environment["Integrations__CustomEndpoints__Enabled"] = "true";
        info.Environment["Integrations__CustomEndpoints__AllowedHosts__0"] = "127.0.0.1";
        if (Environment.GetEnvironmentVariable("PORTAL_LOG_LEVEL") is { Length: > 0 } level)
        {
            info.Environment["Logging__LogLevel__Default"] = level;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            // Configuration keys as environment variables: Email:SmtpHost is Email__SmtpHost.
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        info.ArgumentList.Insert(0, dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (logFile is not null)
        {
            lock (output)
            {
                File.AppendAllText(logFile, DateTime.UtcNow.ToString("HH:mm:ss.fff ", System.Globalization.CultureInfo.InvariantCulture) + line + Environment.NewLine);
            }
        }

        if (line.StartsWith("AdminPortal is running at", StringComparison.Ordinal))
        {
            started.TrySetResult(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>SIGKILL, as a power cut or the OOM killer would: no shutdown code runs. The data folder stays.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        keepData = true;
    }

    private bool keepData;

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (keepData)
        {
            return;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string DatabasePathIn(string dataDirectory) => Path.Combine(dataDirectory, "data", "portal.db");
}
