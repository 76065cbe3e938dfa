using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Security.Cryptography;
using AdminPortal.CloudStorage;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Users;
using AdminPortal.Core.Workbooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Benchmarks;

/// <summary>
/// Figure 4: a full export of the N-event database by the portal's ExportEngine to local files (CSV.gz and JSONL.gz),
/// against sqlite3 -csv of the same rows piped to gzip -1; and the process's peak resident memory during the export.
/// </summary>
internal static class ExportBenchmark
{
    private const double TargetRatio = 1.5;
    private const long MemoryTargetBytes = 300L * 1024 * 1024;

    public static async Task<IReadOnlyList<Figure>> RunAsync(EventDatabase db, BenchOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(options.Scratch("exports")).FullName;
        var columns = AuditColumns.DefaultVisible.Append(nameof(AuditEvent.EventId)).ToList();
        var baseline = await BaselineAsync(db, columns, options.Scratch("baseline.csv.gz"), ct);
        var figures = new List<Figure>();
        await using var portal = await PortalDatabase.CreateAsync(db.Path, ct,
            services => services.AddSingleton<IExportDestinations>(new LocalFolderDestinations(folder)));
        foreach (var format in new[] { ExportFormat.JsonLines, ExportFormat.Csv })
        {
            Console.WriteLine($"[exports] {format}.gz of {db.Events:N0} events to local files...");
            var schedule = await ScheduleAsync(portal, format, columns, ct);
            GC.Collect();
            var before = PeakMemory.Rss();
            using var memory = new PeakMemory();
            var watch = Stopwatch.StartNew();
            var run = await portal.Get<ExportEngine>().RunAsync(schedule, ExportTrigger.Manual, "benchmark", null, ct);
            watch.Stop();
            var peak = memory.Stop();
            if (run is not { Status: ExportRunStatus.Succeeded })
            {
                throw new InvalidOperationException($"The export failed: {run?.Error}");
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var ratio = watch.Elapsed / baseline;
            figures.Add(new Figure($"export {format}.gz, local files", $"{seconds:0.0} s ({run.Rows / seconds:N0} rows/s, {run.Bytes / seconds / 1e6:0.0} MB/s)",
                $"{baseline.TotalSeconds:0.0} s", ratio, $"<= {TargetRatio:0.0}x", ratio <= TargetRatio,
                $"{run.Rows:N0} rows in {run.Objects} objects, {run.Bytes / 1e6:0.0} MB stored; baseline: sqlite3 -csv | gzip -1 of the same columns"));
            figures.Add(new Figure($"export {format}.gz, peak memory", $"{peak / 1e6:0} MB", "-", (double)peak / MemoryTargetBytes,
                $"< {MemoryTargetBytes / 1e6:0} MB", peak < MemoryTargetBytes, $"resident set of the benchmark process, sampled every 50 ms during the export ({before / 1e6:0} MB before it; GC heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:0} MB after it)"));
        }

        return figures;
    }

    private static async Task<Guid> ScheduleAsync(PortalDatabase portal, ExportFormat format, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "benchmark@localhost"), new Claim(ClaimTypes.Role, PortalRoles.Admin)], "benchmark"));
        var (_, workbookId) = await portal.Get<WorkbookService>().SaveAsAsync(admin, $"bench {format}", "", new ExplorerState { Range = "custom", Columns = columns }, ct);
        var workbook = await portal.Get<WorkbookService>().GetAsync(admin, workbookId, ct);
        await using var db = await portal.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        var schedule = new ScheduledExport
        {
            Id = Guid.NewGuid(),
            Name = $"bench {format}",
            WorkbookId = workbookId,
            TableElementId = workbook!.Elements[0].Id,
            IntegrationId = Guid.Empty,
            UriTemplate = $"{format}/{{yyyy}}/{{MM}}/{{dd}}/events-{{run}}-{{part}}{ExportUriTemplate.Extension(format, true)}",
            Format = format,
            Gzip = true,
            Mode = ExportMode.Incremental,
            FrequencyKind = ExportFrequencyKind.Daily,
            TimeOfDay = new TimeOnly(2, 0),
            CreatedAtUtc = DateTime.UtcNow,
            UpdatedAtUtc = DateTime.UtcNow,
        };
        db.ScheduledExports.Add(schedule);
        await db.SaveChangesAsync(ct);
        return schedule.Id;
    }

    /// <summary>sqlite3 -csv of the same columns in the same order, piped to gzip -1 into a file.</summary>
    private static async Task<TimeSpan> BaselineAsync(EventDatabase db, IReadOnlyList<string> columns, string output, CancellationToken ct)
    {
        Console.WriteLine("[exports] baseline: sqlite3 -csv | gzip -1 ...");
        var select = $"SELECT {string.Join(", ", columns.Select(c => "\"" + c + "\""))} FROM \"AuditEvents\" ORDER BY \"EventTimeUtc\", \"Id\";";
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"sqlite3 -readonly -csv -header '{db.Path}' '{select.Replace("'", "'\\''")}' | gzip -1 > '{output}'");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(ct);
        watch.Stop();
        return process.ExitCode == 0 ? watch.Elapsed : throw new InvalidOperationException("The sqlite3 | gzip baseline failed.");
    }

    /// <summary>The highest VmRSS seen while it runs.</summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<long> sampling;

        public PeakMemory() => sampling = Task.Run(async () =>
        {
            long peak = 0;
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss());
                try
                {
                    await Task.Delay(50, stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }

            return Math.Max(peak, Rss());
        });

        public long Stop()
        {
            stop.Cancel();
            return sampling.GetAwaiter().GetResult();
        }

        public void Dispose() => stop.Dispose();

        public static long Rss()
        {
            var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>A "cloud" that is a local folder: the export's own cost without a network.</summary>
    private sealed class LocalFolderDestinations(string folder) : IExportDestinations
    {
        public Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct) =>
            Task.FromResult(new ExportDestination(new LocalFolderStorage(folder), null, null));
    }

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
