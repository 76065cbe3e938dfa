using System.Diagnostics;
using System.Reflection;
using AdminPortal.Core.Data;

namespace AdminPortal.Tests.Data;

public sealed class ProviderStartupTests
{
    [Fact]
    public async Task The_portal_on_PostgreSQL_refuses_to_start_with_one_line_saying_the_audit_store_is_not_there_yet()
    {
        var data = Directory.CreateTempSubdirectory("adminportal-provider-").FullName;
        try
        {
            var dll = typeof(ProviderStartupTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalDll").Value!;
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = data, RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add(dll);
            info.Environment["Database__Path"] = Path.Combine(data, "data", "portal.db");
            info.Environment["Database__Provider"] = "PostgreSQL";
            info.Environment["ConnectionStrings__Portal"] = "Host=127.0.0.1;Port=1;Database=adminportal";
            using var portal = Process.Start(info)!;
            var output = portal.StandardOutput.ReadToEndAsync();
            var errors = portal.StandardError.ReadToEndAsync();
            await portal.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, portal.ExitCode);
            Assert.Equal([ProviderReadiness.PostgreSqlRefusal], (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Equal("", await output);
            // Refused before anything opened a database: not even the SQLite file's folder was made.
            Assert.False(Directory.Exists(Path.Combine(data, "data")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
