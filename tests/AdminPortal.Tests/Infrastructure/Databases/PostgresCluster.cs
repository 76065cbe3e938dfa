using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AdminPortal.Tests.Infrastructure.Databases;

/// <summary>
/// A private PostgreSQL cluster for the test run: initdb in a temporary folder, started on a free loopback port with
/// durability off (fsync, synchronous commit: a test database is thrown away), stopped and deleted by a watchdog shell
/// once the test process has ended, even when it was killed. Started on first use, so a run without PostgreSQL tests never starts it. The server refuses to run as
/// root: as root the cluster is made and run by the `postgres` user (the Debian package makes it).
/// </summary>
public sealed class PostgresCluster
{
    private const string Superuser = "portal";
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly string folder;
    private readonly string binaries;
    private readonly bool asPostgresUser;
    private readonly int port;

    private PostgresCluster(string folder, string binaries, bool asPostgresUser, int port)
    {
        this.folder = folder;
        this.binaries = binaries;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    private string DataFolder => Path.Combine(folder, "data");

    /// <summary>The run's cluster, started by the first test that asks.</summary>
    public static Task<PostgresCluster> InstanceAsync() => Shared.Value;

    /// <summary>A connection string to a new, empty database of its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = port,
        Username = Superuser,
        Database = database,
        // Each test database has its own pool: keep few idle connections so hundreds of databases fit max_connections.
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ToString();

    private static async Task<PostgresCluster> StartAsync()
    {
        var binaries = FindBinaries();
        RemoveStoppedClusters();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Directory.CreateTempSubdirectory("adminportal-postgres-").FullName;
        var cluster = new PostgresCluster(folder, binaries, asPostgresUser, FreePort());
        if (asPostgresUser)
        {
            await RunAsync("chown", ["postgres:", folder]);
        }

        await cluster.RunToolAsync("initdb", ["-D", cluster.DataFolder, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"]);
        await cluster.RunToolAsync("pg_ctl", ["-D", cluster.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o",
            $"-p {cluster.port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB", "start"]);
        cluster.StartWatchdog();
        return cluster;
    }

    /// <summary>
    /// A shell that waits for the test process to end, however it ends (an exit handler does not run when the process is
    /// killed), then stops the server and deletes its folder.
    /// </summary>
    private void StartWatchdog()
    {
        var script = "exec </dev/null >/dev/null 2>&1; while [ -d /proc/$2 ]; do sleep 1; done; " +
            $"\"{Path.Combine(binaries, "pg_ctl")}\" -D \"$1/data\" -m immediate -w stop; rm -rf \"$1\"";
        var info = Command("sh", ["-c", script, "sh", folder, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        info.RedirectStandardOutput = info.RedirectStandardError = false;
        Process.Start(info)!.Dispose();
    }

    /// <summary>
    /// Clusters of earlier runs whose server is stopped (no postmaster.pid) but whose folder stayed: a test process killed,
    /// or ended before its exit handler finished deleting. Only folders older than ten minutes: another test run may be
    /// between its initdb and its start.
    /// </summary>
    private static void RemoveStoppedClusters()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "adminportal-postgres-*"))
        {
            if (!File.Exists(Path.Combine(stale, "data", "postmaster.pid"))
                && Directory.GetCreationTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-10))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or going away: not this run's concern.
                }
            }
        }
    }

    private Task RunToolAsync(string tool, string[] arguments) => RunAsync(Command(Path.Combine(binaries, tool), arguments));

    /// <summary>The command line, as the postgres user when the tests run as root.</summary>
    private ProcessStartInfo Command(string program, string[] arguments) => asPostgresUser
        ? Info("runuser", ["-u", "postgres", "--", program, .. arguments])
        : Info(program, arguments);

    private static ProcessStartInfo Info(string program, string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // runuser's postgres cannot enter root's working folder; "/" it can.
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static Task RunAsync(string program, string[] arguments) => RunAsync(Info(program, arguments));

    private static async Task RunAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}: {await errors}{await output}");
        }
    }

    /// <summary>POSTGRES_BIN, else Debian's PostgreSQL 15 (initdb is not on Debian's PATH), else the PATH's.</summary>
    private static string FindBinaries()
    {
        string[] candidates =
        [
            Environment.GetEnvironmentVariable("POSTGRES_BIN") ?? "",
            "/usr/lib/postgresql/15/bin",
            .. (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'),
        ];
        return candidates.FirstOrDefault(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new InvalidOperationException("PostgreSQL's initdb and pg_ctl were not found: install postgresql (15) or set POSTGRES_BIN.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
