using System.Diagnostics;
using System.Net;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;

namespace AdminPortal.Benchmarks;

/// <summary>
/// Figure 4: a full export of the N-event database by the portal's ExportEngine, as CSV.gz and JSONL.gz, (a) to local
/// files, (b) through the S3 provider to s3rver and (c) through the Azure Blob provider to Azurite, both on loopback, each in a worker process of its own (its peak resident
/// memory is the portal's cost of the export); against sqlite3 -csv of the same rows piped to gzip -1, in the same run.
/// </summary>
internal static class ExportBenchmark
{
    private const double TargetRatio = 1.5;
    private const long MemoryTargetBytes = 300_000_000;
    private const string Bucket = "bench-exports";

    /// <summary>Azurite's well-known account and its documented key (EMULATORS.md).</summary>
    internal const string AzuriteAccount = "devstoreaccount1";
    internal const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    public static async Task<IReadOnlyList<Figure>> RunAsync(EventDatabase db, BenchOptions options, CancellationToken ct)
    {
        var columns = AuditColumns.DefaultVisible.Append(nameof(AuditEvent.EventId)).ToList();
        var figures = new List<Figure>();
        // A first baseline, not reported, brings the database file into the page cache: a cold read would make the
        // first export's ratio flatter it (24 s cold against 8 s warm for 5,000,000 events).
        Console.Write("[exports] (warm-up) ");
        await BaselineAsync(db, columns, options.Scratch("baseline.csv.gz"), ct);
        foreach (var format in new[] { ExportFormat.JsonLines, ExportFormat.Csv })
        {
            var local = ExportSink.Local(Directory.CreateDirectory(options.Scratch($"exports-{format}")).FullName);
            figures.AddRange(await ExportAsync(db, format, columns, local, options, ct));
        }

        using var peers = new PeerProcesses();
        var s3 = await StartS3Async(peers);
        foreach (var format in new[] { ExportFormat.JsonLines, ExportFormat.Csv })
        {
            figures.AddRange(await ExportAsync(db, format, columns, ExportSink.S3(s3, Bucket), options, ct));
        }

        var azure = await StartAzuriteAsync(peers, ct);
        foreach (var format in new[] { ExportFormat.JsonLines, ExportFormat.Csv })
        {
            figures.AddRange(await ExportAsync(db, format, columns, ExportSink.Azure(azure, Bucket), options, ct));
        }

        return figures;
    }

    private static async Task<IEnumerable<Figure>> ExportAsync(EventDatabase db, ExportFormat format, IReadOnlyList<string> columns,
        ExportSink sink, BenchOptions options, CancellationToken ct)
    {
        // The baseline runs right before each export: on a machine shared with other work, a baseline taken minutes
        // earlier under another load would make the ratio say more about the load than about the export.
        var baseline = await BaselineAsync(db, columns, options.Scratch("baseline.csv.gz"), ct);
        Console.WriteLine($"[exports] {format}.gz of {db.Events:N0} events to {sink.Name}, in a worker process...");
        var run = await ExportWorker.RunAsync(db.Path, format, columns, sink, ct);
        if (!run.Succeeded)
        {
            throw new InvalidOperationException($"The export failed: {run.Error}");
        }

        var name = $"export {format}.gz, {sink.Name}";
        var ratio = run.Seconds / baseline.TotalSeconds;
        // The 1.5x target is the local export's; through S3 or Azure the figure shows what the provider and the emulator add.
        var local = sink.Folder is not null;
        return
        [
            new Figure(name, $"{run.Seconds:0.00} s ({run.Rows / run.Seconds:N0} rows/s, {run.Bytes / run.Seconds / 1e6:0.0} MB/s)",
                $"{baseline.TotalSeconds:0.00} s", ratio, local ? $"<= {TargetRatio:0.0}x" : "-", !local || ratio <= TargetRatio,
                $"{run.Rows:N0} rows in {run.Objects} objects, {run.Bytes / 1e6:0.0} MB stored (MB/s of stored bytes); baseline: sqlite3 -csv | gzip -1 of the same columns, just before"),
            new Figure($"{name}, peak memory", $"{run.PeakBytes / 1e6:0} MB", "-", (double)run.PeakBytes / MemoryTargetBytes,
                $"< {MemoryTargetBytes / 1e6:0} MB", run.PeakBytes < MemoryTargetBytes,
                "VmHWM of the worker process that ran only this export (Server GC, as the portal), from its start to the run's end"),
        ];
    }

    /// <summary>s3rver from tests/peers on a free loopback port with its bucket, as the storage tests start it (EMULATORS.md).</summary>
    private static async Task<Uri> StartS3Async(PeerProcesses peers)
    {
        await PeerProcesses.EnsureInstalledAsync();
        var url = new Uri($"http://127.0.0.1:{PeerProcesses.FreePort()}/");
        peers.Start(Path.Combine(peers.Bin, "s3rver"),
            ["--address", "127.0.0.1", "--port", $"{url.Port}", "--directory", peers.Folder("s3"), "--configure-bucket", Bucket, "--silent"]);
        await peers.WaitUntilAsync(new Uri(url, Bucket), HttpStatusCode.OK);
        return url;
    }

    /// <summary>Azurite from tests/peers on a free loopback port with the bench's container; the account URL is returned.</summary>
    private static async Task<Uri> StartAzuriteAsync(PeerProcesses peers, CancellationToken ct)
    {
        var url = new Uri($"http://127.0.0.1:{PeerProcesses.FreePort()}/");
        peers.Start(Path.Combine(peers.Bin, "azurite-blob"),
            ["--blobHost", "127.0.0.1", "--blobPort", $"{url.Port}", "--location", peers.Folder("azurite"), "--disableTelemetry", "--silent"]);
        // Azurite answers an unsigned account listing with 403 once it is up (EMULATORS.md).
        await peers.WaitUntilAsync(new Uri(url, $"{AzuriteAccount}?comp=list"), HttpStatusCode.Forbidden);
        var account = new Uri(url, AzuriteAccount);
        // Azurite 3.37 refuses the SDK's default service version (2026-10-06).
        await new Azure.Storage.Blobs.BlobContainerClient(new Uri($"{account}/{Bucket}"), new Azure.Storage.StorageSharedKeyCredential(AzuriteAccount, AzuriteAccountKey),
                new Azure.Storage.Blobs.BlobClientOptions(Azure.Storage.Blobs.BlobClientOptions.ServiceVersion.V2025_11_05))
            .CreateIfNotExistsAsync(cancellationToken: ct);
        return account;
    }

    /// <summary>sqlite3 -csv of the same columns in the same order, piped to gzip -1 into a file.</summary>
    internal static Task<TimeSpan> BaselineAsync(EventDatabase db, IReadOnlyList<string> columns, string output, CancellationToken ct) =>
        BaselineAsync(db, $"SELECT {string.Join(", ", columns.Select(c => "\"" + c + "\""))} FROM \"AuditEvents\" ORDER BY \"EventTimeUtc\", \"Id\";", output, ct);

    /// <summary>sqlite3 -csv of <paramref name="select"/>, piped to gzip -1 into a file.</summary>
    internal static async Task<TimeSpan> BaselineAsync(EventDatabase db, string select, string output, CancellationToken ct)
    {
        Console.Write("[exports] baseline: sqlite3 -csv | gzip -1 ... ");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"sqlite3 -readonly -csv -header '{db.Path}' '{select.Replace("'", "'\\''")}' | gzip -1 > '{output}'");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(ct);
        watch.Stop();
        Console.WriteLine($"{watch.Elapsed.TotalSeconds:0.00} s");
        return process.ExitCode == 0 ? watch.Elapsed : throw new InvalidOperationException("The sqlite3 | gzip baseline failed.");
    }
}
