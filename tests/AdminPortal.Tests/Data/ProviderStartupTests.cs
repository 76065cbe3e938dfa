using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure.Databases;

namespace AdminPortal.Tests.Data;

public sealed class ProviderStartupTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task The_portal_started_with_Database_Provider_PostgreSQL_migrates_its_database_and_answers_healthy()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);
        var data = Directory.CreateTempSubdirectory("adminportal-provider-").FullName;
        var port = FreePort();
        var dll = typeof(ProviderStartupTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalDll").Value!;
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Path"] = Path.Combine(data, "data", "portal.db");
        info.Environment["Database__Provider"] = "PostgreSQL";
        info.Environment["ConnectionStrings__Portal"] = database.ConnectionString;
        using var portal = Process.Start(info)!;
        var output = portal.StandardOutput.ReadToEndAsync();
        var errors = portal.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            HttpStatusCode? status = null;
            for (var deadline = DateTime.UtcNow.AddSeconds(90); DateTime.UtcNow < deadline && !portal.HasExited && status != HttpStatusCode.OK;)
            {
                try
                {
                    status = (await http.GetAsync("/healthz")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }

            Assert.False(portal.HasExited, "The portal stopped: " + await errors);
            Assert.Equal(HttpStatusCode.OK, status);
            // Nothing of SQLite's was made: no database file, no search index beside it.
            Assert.False(File.Exists(Path.Combine(data, "data", "portal.db")));
            Assert.False(File.Exists(Path.Combine(data, "data", "portal.search.db")));
        }
        finally
        {
            portal.Kill(entireProcessTree: true);
            await portal.WaitForExitAsync();
            _ = await output;
            Directory.Delete(data, recursive: true);
        }
    }
}
