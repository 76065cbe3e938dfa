using System.Diagnostics;
using System.Reflection;

namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>The built adminportal tool run as a person runs it: its own process, its own HOME, the environment given.</summary>
public sealed class CliProcess(IReadOnlyDictionary<string, string> environment) : IDisposable
{
    private static readonly string Dll = typeof(CliProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CliDll").Value!;

    /// <summary>A fresh home folder: the config file <c>configure</c> writes lands here, never in the real one.</summary>
    public string Home { get; } = Directory.CreateTempSubdirectory("adminportal-cli-e2e-").FullName;

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Home,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = Home;
        info.Environment.Remove("XDG_CONFIG_HOME");
        info.Environment.Remove("ADMINPORTAL_URL");
        info.Environment.Remove("ADMINPORTAL_TOKEN");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(180));
        return new CliResult(process.ExitCode, await output, await error);
    }

    public void Dispose() => Directory.Delete(Home, recursive: true);
}
