using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.AuditLogs.SearchIndex;

namespace AdminPortal.Benchmarks;

/// <summary>
/// Figure 3: NDJSON batches POSTed to the real portal's /api/audit-events by two concurrent senders for about 20 s,
/// after 5 s of the same to warm it up, against AuditEventWriter alone storing the same batches in-process (their
/// parsing not timed, the same warm-up batches first).
/// </summary>
internal static class IngestionBenchmark
{
    private const int BatchSize = 5_000;
    private static readonly int Senders = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SENDERS"), out var s) && s > 0 ? s : 2;
    private const double TargetPerSecond = 50_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    // A just-started portal spends its first seconds compiling: with one warm-up batch, 16% of its CPU in the timed
    // 20 s went to the JIT (perf, tiered compilation and PGO still at work), which a portal in service has long done.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);

    // Enough batches for 5 + 20 s at 80,000 events/s; development runs (--events) send fewer.
    private const int MaxBatches = 400;

    private sealed record SendResult(int WarmUpBatches, int Batches, long Stored, TimeSpan Elapsed, TimeSpan Cpu = default, TimeSpan IndexCpu = default,
        TimeSpan? ServerCpu = null);

    public static async Task<Figure> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var batches = Math.Clamp(options.Events / BatchSize, 4, MaxBatches);
        Console.WriteLine($"[ingestion] building {batches:N0} NDJSON batches of {BatchSize:N0} events...");
        // The warm-up batches (JIT, connections, page cache) are not counted, here nor in the baseline.
        var bodies = NdjsonBatches.Build(batches + 1, BatchSize, DateTime.UtcNow);

        Console.WriteLine($"[ingestion] {Senders} senders POSTing to the portal: {WarmUp.TotalSeconds:0} s of warm-up, then up to {Duration.TotalSeconds:0} s timed...");
        var http = await SendAsync(bodies, ct);
        var httpRate = http.Stored / http.Elapsed.TotalSeconds;

        Console.WriteLine($"[ingestion] AuditEventWriter storing the same {http.WarmUpBatches:N0} + {http.Batches:N0} batches in-process...");
        var writer = await StoreAsync(options, bodies.Take(http.WarmUpBatches + http.Batches).ToList(), http.WarmUpBatches, ct);
        var writerRate = writer.Stored / writer.Elapsed.TotalSeconds;

        return new Figure(
            $"Ingestion over HTTP, {http.Stored:N0} events in {http.Elapsed.TotalSeconds:0.0} s",
            $"{httpRate:N0} events/s",
            $"writer {writerRate:N0} events/s",
            writerRate / httpRate,
            $">= {TargetPerSecond:N0}/s",
            httpRate >= TargetPerSecond,
            // CPU per event tells what the rate would be on two idle cores (about 40 µs for 50,000/s) when the machine is shared.
            $"the portal used {http.Cpu.TotalMicroseconds / http.Stored:0.0} µs of CPU per event ({http.Cpu / http.Elapsed:0.00} cores), the writer alone " +
            $"{writer.Cpu.TotalMicroseconds / writer.Stored:0.0} µs." +
            (http.WarmUpBatches + http.Batches == bodies.Count ? $" Every prepared batch was sent before {Duration.TotalSeconds:0} s: the rate holds for a shorter run." : ""));
    }

    /// <summary>
    /// The same figure with the portal on PostgreSQL (--postgres): the real portal started on the bench's database, which
    /// holds the seeded events, against COPY FROM of the very rows it stored (<paramref name="copyFloor"/>: rows/s of the
    /// rows after a row id), measured right after it; <paramref name="copyCeiling"/> is the same rows split between as
    /// many psql sessions as there are cores: the most the server itself stores on this machine.
    /// </summary>
    public static async Task<Figure> RunPostgreSqlAsync(BenchOptions options, string connectionString, Func<Task<long>> newestId,
        Func<long, Task<double>> copyFloor, Func<long, Task<double>> copyCeiling, Func<long, Task<double>> copyFloorWithVector,
        Func<Task<(long Pending, TimeSpan Elapsed)>> catchUp, CancellationToken ct)
    {
        var batches = Math.Clamp(options.Events / BatchSize, 4, MaxBatches);
        Console.WriteLine($"[postgres] ingestion: building {batches:N0} NDJSON batches of {BatchSize:N0} events...");
        var bodies = NdjsonBatches.Build(batches + 1, BatchSize, DateTime.UtcNow);
        var before = await newestId();
        Console.WriteLine($"[postgres] ingestion: {Senders} senders POSTing to the portal on PostgreSQL: {WarmUp.TotalSeconds:0} s of warm-up, then up to {Duration.TotalSeconds:0} s timed...");
        // A node that takes ingestion and leaves the search vectors to another (SearchIndex:IndexOnThisNode): on two
        // shared cores the vectors' CPU would otherwise be in the ingestion figure; they are filled afterwards, timed.
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = connectionString,
            ["SearchIndex:IndexOnThisNode"] = "false",
        };
        var http = await SendAsync(bodies, ct, settings, async () =>
        {
            await using var database = PortalDatabase.OnPostgreSql(connectionString);
            return await database.CreateIngestionTokenAsync(ct);
        });
        var httpRate = http.Stored / http.Elapsed.TotalSeconds;
        Console.WriteLine("[postgres] ingestion: the search indexer catching up...");
        var (pending, caughtUp) = await catchUp();
        Console.WriteLine("[postgres] ingestion: COPY FROM of the rows the portal stored...");
        var floor = await copyFloor(before);
        var ceiling = await copyCeiling(before);
        var floorWithVector = await copyFloorWithVector(before);
        return new Figure(
            $"PostgreSQL: ingestion over HTTP, {http.Stored:N0} events in {http.Elapsed.TotalSeconds:0.0} s",
            $"{httpRate:N0} events/s",
            $"COPY FROM {floor:N0} rows/s",
            floor / httpRate,
            $">= {TargetPerSecond:N0}/s",
            httpRate >= TargetPerSecond,
            $"the portal used {http.Cpu.TotalMicroseconds / http.Stored:0.0} µs of CPU per event ({http.Cpu / http.Elapsed:0.00} cores); " +
            (http.ServerCpu is { } server
                ? $"the PostgreSQL server's processes on this machine {server.TotalMicroseconds / http.Stored:0.0} µs ({server / http.Elapsed:0.00} cores). "
                : "the PostgreSQL server's CPU is not visible from here (another machine). ") +
            $"The portal left the search vectors to another node (SearchIndex:IndexOnThisNode false); the {pending:N0} events' vectors were then filled in {caughtUp.TotalSeconds:0.0} s. " +
            $"COPY FROM into the table as it was before (vector computed and GIN-indexed per row): {floorWithVector:N0} rows/s. " +
            $"The server's own ceiling on this machine, {Environment.ProcessorCount} COPY FROM sessions at once with no portal beside them: {ceiling:N0} rows/s.");
    }

    /// <summary>
    /// The two halves of ingestion in-process, without HTTP (--only writer): the parser alone on one thread, and
    /// AuditEventWriter alone on the parsed batches, each after one warm-up batch. Not a target of its own: it says
    /// which half bounds the HTTP figure.
    /// </summary>
    public static async Task<Figure> RunInProcessAsync(BenchOptions options, CancellationToken ct)
    {
        var batches = Math.Clamp(options.Events / BatchSize, 4, MaxBatches);
        Console.WriteLine($"[writer] building {batches:N0} NDJSON batches of {BatchSize:N0} events...");
        var bodies = NdjsonBatches.Build(batches + 1, BatchSize, DateTime.UtcNow);

        var parser = new AuditEventParser();
        var parseTime = TimeSpan.Zero;
        var parseCpu = TimeSpan.Zero;
        long parsed = 0;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < bodies.Count; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await parser.ParseAsync(new MemoryStream(bodies[i]), AuditBatchFormat.Ndjson, ct);
            if (i > 0)
            {
                parseTime += watch.Elapsed;
                parsed += result.AcceptedCount;
                process.Refresh();
                parseCpu += process.TotalProcessorTime - cpuBefore;
            }
        }

        Console.WriteLine($"[writer] AuditEventWriter storing {bodies.Count:N0} batches...");
        var writer = await StoreAsync(options, bodies, warmUpBatches: 1, ct, index: true);
        var writerRate = writer.Stored / writer.Elapsed.TotalSeconds;
        var parseRate = parsed / parseTime.TotalSeconds;
        return new Figure(
            $"Writer alone, {writer.Stored:N0} events in {writer.Elapsed.TotalSeconds:0.0} s",
            $"{writerRate:N0} events/s",
            $"parser {parseRate:N0} events/s",
            parseRate / writerRate,
            $">= {TargetPerSecond:N0}/s",
            writerRate >= TargetPerSecond,
            $"in-process, each half on one thread: the HTTP figure can be no higher than the writer's. CPU per event " +
            $"(the process's, GC included): parser {parseCpu.TotalMicroseconds / parsed:0.0} µs, writer {writer.Cpu.TotalMicroseconds / writer.Stored:0.0} µs, " +
            $"search indexer afterwards {writer.IndexCpu.TotalMicroseconds / (writer.Stored + BatchSize):0.0} µs");
    }

    private static async Task<SendResult> SendAsync(List<byte[]> bodies, CancellationToken ct,
        Dictionary<string, string>? settings = null, Func<Task<string>>? createToken = null)
    {
        // A fresh install: the portal migrates its own database, then an Admin creates the sender's token.
        await using var portal = await PortalProcess.StartAsync(settings);
        string token;
        if (createToken is not null)
        {
            token = await createToken();
        }
        else
        {
            await using var database = await PortalDatabase.CreateAsync(portal.DatabasePath, ct);
            token = await database.CreateIngestionTokenAsync(ct);
        }

        using var client = new HttpClient { BaseAddress = portal.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var next = -1;
        var warmUp = await SendForAsync(WarmUp);
        var cpuBefore = portal.TotalProcessorTime;
        var serverBefore = ServerCpu.Now();
        var timed = await SendForAsync(Duration);
        return new SendResult(warmUp.Sent, timed.Sent, timed.Stored, timed.Elapsed, portal.TotalProcessorTime - cpuBefore,
            ServerCpu: ServerCpu.Now() - serverBefore);

        async Task<(int Sent, long Stored, TimeSpan Elapsed)> SendForAsync(TimeSpan duration)
        {
            var sent = 0;
            long stored = 0;
            var watch = Stopwatch.StartNew();
            var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
            {
                // Bounded in count and time: stops after the duration or when the prepared batches run out.
                while (watch.Elapsed < duration && Interlocked.Increment(ref next) is var index && index < bodies.Count)
                {
                    Interlocked.Add(ref stored, await PostAsync(client, bodies[index], ct));
                    Interlocked.Increment(ref sent);
                }
            }, ct));
            await Task.WhenAll(senders);
            return (sent, stored, watch.Elapsed);
        }
    }

    private static async Task<long> PostAsync(HttpClient client, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await client.PostAsync("/api/audit-events", content, ct);
        var report = await response.Content.ReadFromJsonAsync<IngestionAnswer>(ct);
        if (!response.IsSuccessStatusCode || report is null || report.Stored != BatchSize)
        {
            throw new InvalidOperationException($"The portal answered {(int)response.StatusCode}: stored {report?.Stored}, error {report?.Error}");
        }

        return report.Stored;
    }

    private sealed record IngestionAnswer(int Stored, string? Error);

    private static async Task<SendResult> StoreAsync(BenchOptions options, List<byte[]> bodies, int warmUpBatches, CancellationToken ct, bool index = false)
    {
        await using var database = await PortalDatabase.CreateAsync(options.Scratch("written.db"), ct);
        var parser = new AuditEventParser();
        var writer = database.Writer;
        long stored = 0;
        var elapsed = TimeSpan.Zero;
        var cpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < bodies.Count; i++)
        {
            var parsed = await parser.ParseAsync(new MemoryStream(bodies[i]), AuditBatchFormat.Ndjson, ct);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var result = await writer.StoreAsync(parsed.Events, ct);
            if (i >= warmUpBatches)
            {
                elapsed += watch.Elapsed;
                stored += result.Stored;
                process.Refresh();
                cpu += process.TotalProcessorTime - cpuBefore;
            }
        }

        var indexCpu = TimeSpan.Zero;
        if (index)
        {
            // What the search indexer then spends on the same events (it catches up in ingestion's pauses, or takes
            // turns with it past SearchIndexOptions.MaxPendingEvents).
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            await database.Get<AuditSearchIndexer>().CatchUpAsync(ct);
            process.Refresh();
            indexCpu = process.TotalProcessorTime - cpuBefore;
        }

        return new SendResult(warmUpBatches, bodies.Count - warmUpBatches, stored, elapsed, cpu, indexCpu);
    }
}
