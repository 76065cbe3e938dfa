using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.S3;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Workbooks;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Benchmarks;

/// <summary>Where a worker's export goes: a local folder, an S3 bucket behind a service URL (s3rver), or an Azure container (Azurite).</summary>
internal sealed record ExportSink(string Name, string? Folder = null, string? S3ServiceUrl = null, string? S3Bucket = null,
    string? AzureServiceUrl = null, string? AzureContainer = null)
{
    public static ExportSink Local(string folder) => new("local files", Folder: folder);

    public static ExportSink S3(Uri serviceUrl, string bucket) => new("S3 (s3rver)", S3ServiceUrl: serviceUrl.AbsoluteUri, S3Bucket: bucket);

    public static ExportSink Azure(Uri accountUrl, string container) => new("Azure Blob (Azurite)", AzureServiceUrl: accountUrl.AbsoluteUri, AzureContainer: container);
}

/// <summary>What a worker reports: the run, its time, and the process's peak resident memory.</summary>
internal sealed record ExportWorkerResult(bool Succeeded, string? Error, long Rows, long Bytes, int Objects, double Seconds, long PeakBytes);

/// <summary>
/// One export in a process of its own (the bench started again with --export-worker), so that its peak memory is what a
/// portal needs to run it, not what the bench needed to generate the events. It runs with the portal's settings that
/// bear on memory (Server GC, as AdminPortal.Web's runtimeconfig has it) and Core's services as the portal registers them.
/// </summary>
internal static class ExportWorker
{
    public const string Switch = "--export-worker";
    private const string ResultPrefix = "export-worker-result ";

    /// <summary>Starts the worker, waits for it and returns its report.</summary>
    public static async Task<ExportWorkerResult> RunAsync(string dbPath, ExportFormat format, IReadOnlyList<string> columns, ExportSink sink, CancellationToken ct,
        bool identityColumns = false)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ExportWorker).Assembly.Location); // `dotnet AdminPortal.Benchmarks.dll`, not the apphost
        }

        foreach (var argument in new[] { Switch, dbPath, format.ToString(), string.Join(',', columns), JsonSerializer.Serialize(sink), identityColumns ? "identity" : "plain" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The export worker did not start.");
        ExportWorkerResult? result = null;
        while (await process.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<ExportWorkerResult>(line[ResultPrefix.Length..]);
            }
            else
            {
                Console.WriteLine("  worker: " + line);
            }
        }

        await process.WaitForExitAsync(ct);
        return result ?? throw new InvalidOperationException($"The export worker exited with {process.ExitCode} without a result.");
    }

    /// <summary>The worker's side: one timed run of a new incremental schedule (the whole table) to the sink.</summary>
    public static async Task<int> MainAsync(string[] args, CancellationToken ct)
    {
        var (dbPath, format, columns, sink) = (args[1], Enum.Parse<ExportFormat>(args[2]), args[3].Split(','), JsonSerializer.Deserialize<ExportSink>(args[4])!);
        var identityColumns = args.Length > 5 && args[5] == "identity";
        // The sink is s3rver or Azurite on 127.0.0.1: a custom endpoint the benchmark allows for that host only.
        using var factory = new CloudStorageFactory(endpoints: new AdminPortal.CloudStorage.Network.EndpointPolicy(
            new AdminPortal.CloudStorage.Network.CustomEndpointsOptions { Enabled = true, AllowedHosts = ["127.0.0.1"] }));
        await using var portal = await PortalDatabase.CreateAsync(dbPath, ct,
            services => services.AddSingleton<IExportDestinations>(new SinkDestinations(sink, factory)));
        // A portal runs many exports in one process: a first, small one (the newest hour, as a snapshot) pays for what
        // a process pays once (EF Core's first queries, the JIT), which is not the export's cost.
        await using (var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False"))
        {
            await connection.OpenAsync(ct);
            await using var newest = connection.CreateCommand();
            newest.CommandText = "SELECT max(\"EventTimeUtc\") FROM \"AuditEvents\"";
            var hourAgo = DateTimeOffset.FromUnixTimeMilliseconds((long)(await newest.ExecuteScalarAsync(ct))!).UtcDateTime.AddHours(-1);
            await portal.Get<ExportEngine>().RunAsync(await ScheduleAsync(portal, format, columns, hourAgo, identityColumns, ct), ExportTrigger.Manual, "benchmark", null, ct);
        }

        var schedule = await ScheduleAsync(portal, format, columns, null, identityColumns, ct);
        var watch = Stopwatch.StartNew();
        var run = await portal.Get<ExportEngine>().RunAsync(schedule, ExportTrigger.Manual, "benchmark", null, ct);
        watch.Stop();
        var result = new ExportWorkerResult(run is { Status: ExportRunStatus.Succeeded }, run?.Error, run?.Rows ?? 0, run?.Bytes ?? 0,
            run?.Objects ?? 0, watch.Elapsed.TotalSeconds, PeakResidentBytes());
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>VmHWM: the most this process ever had resident, sampled by the kernel rather than by a timer.</summary>
    private static long PeakResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>An incremental schedule of the whole table; with <paramref name="snapshotFrom"/>, a snapshot from that time on.</summary>
    private static async Task<Guid> ScheduleAsync(PortalDatabase portal, ExportFormat format, IReadOnlyList<string> columns, DateTime? snapshotFrom,
        bool identityColumns, CancellationToken ct)
    {
        var admin = await portal.AdminAsync(ct);
        var name = $"bench {format} {Guid.NewGuid():N}";
        var workbookId = (await portal.Get<WorkbookService>().SaveAsAsync(admin, name, "", new ExplorerState { Range = "custom", FromUtc = snapshotFrom, Columns = columns.ToList() }, ct: ct)).Value;
        var workbook = await portal.Get<WorkbookService>().GetAsync(admin, workbookId, ct);
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var schedule = new ScheduledExport
        {
            Id = Guid.NewGuid(),
            Name = name,
            WorkbookId = workbookId,
            TableElementId = workbook!.Elements[0].Id,
            IntegrationId = Guid.Empty,
            UriTemplate = $"{format}/{{yyyy}}/{{MM}}/{{dd}}/events-{{run}}-{{part}}{ExportUriTemplate.Extension(format, true)}",
            Format = format,
            Gzip = true,
            Mode = snapshotFrom is null ? ExportMode.Incremental : ExportMode.FullSnapshot,
            IncludeIdentityColumns = identityColumns,
            FrequencyKind = ExportFrequencyKind.Daily,
            TimeOfDay = new TimeOnly(2, 0),
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.ScheduledExports.Add(schedule);
        await db.SaveChangesAsync(ct);
        return schedule.Id;
    }

    private sealed class SinkDestinations(ExportSink sink, CloudStorageFactory factory) : IExportDestinations
    {
        public Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct) => Task.FromResult(new ExportDestination(
            sink switch
            {
                { Folder: { } folder } => new LocalFolderStorage(folder),
                { AzureServiceUrl: { } account } => factory.Create(new AzureBlobDestination(ExportBenchmark.AzuriteAccount, sink.AzureContainer!, "bench/",
                    new AzureSharedKeyAuth(ExportBenchmark.AzuriteAccountKey), account)),
                // As an integration with a custom service URL: the provider's compatibility mode (EMULATORS.md).
                _ => factory.Create(new S3Destination(sink.S3Bucket!, "bench/", "us-east-1", new S3AccessKeyAuth("S3RVER", "s3rver-ignores-the-secret"),
                    ServiceUrl: sink.S3ServiceUrl, ForcePathStyle: true)),
            },
            null, null));
    }

    /// <summary>A "cloud" that is a local folder: the export's own cost without a network.</summary>
    private sealed class LocalFolderStorage(string folder) : ICloudStorage
    {
        public bool CompatibilityMode => false;

        public async Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
        {
            var path = Path.Combine(folder, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long bytes = 0;
            await using (var file = File.Create(path))
            {
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    bytes += read;
                }
            }

            return new UploadResult(key, key, bytes, Convert.ToHexStringLower(sha.GetCurrentHash()), null, null, 1);
        }

        public async IAsyncEnumerable<StoredObject> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var path = Path.Combine(folder, prefix);
            if (File.Exists(path))
            {
                yield return new StoredObject(prefix, prefix, new FileInfo(path).Length, null, null);
            }

            await Task.CompletedTask;
        }

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            File.Delete(Path.Combine(folder, key));
            return Task.CompletedTask;
        }

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => Task.FromResult<Stream>(File.OpenRead(Path.Combine(folder, key)));

        public Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken) => Task.FromResult(ConnectionTestResult.Succeeded);

        public void Dispose()
        {
        }
    }
}
