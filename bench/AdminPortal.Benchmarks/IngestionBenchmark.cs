using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Benchmarks;

/// <summary>
/// Figure 3: NDJSON batches POSTed to the real portal's /api/audit-events by two concurrent senders for about 20 s,
/// against AuditEventWriter alone storing the same batches in-process (their parsing not timed).
/// </summary>
internal static class IngestionBenchmark
{
    private const int BatchSize = 5_000;
    private const int Senders = 2;
    private const double TargetPerSecond = 50_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    // Enough batches for 20 s at 80,000 events/s; development runs (--events) send fewer.
    private const int MaxBatches = 320;

    private sealed record SendResult(int Batches, long Stored, TimeSpan Elapsed);

    public static async Task<Figure> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var batches = Math.Clamp(options.Events / BatchSize, 4, MaxBatches);
        Console.WriteLine($"[ingestion] building {batches:N0} NDJSON batches of {BatchSize:N0} events...");
        // The first batch warms up (JIT, connections, page cache) and is not counted, here nor in the baseline.
        var bodies = NdjsonBatches.Build(batches + 1, BatchSize, DateTime.UtcNow);

        Console.WriteLine($"[ingestion] {Senders} senders POSTing to the portal for up to {Duration.TotalSeconds:0} s...");
        var http = await SendAsync(bodies, ct);
        var httpRate = http.Stored / http.Elapsed.TotalSeconds;

        Console.WriteLine($"[ingestion] AuditEventWriter storing the same {http.Batches:N0} batches in-process...");
        var writer = await StoreAsync(options, bodies.Take(http.Batches + 1).ToList(), ct);
        var writerRate = writer.Stored / writer.Elapsed.TotalSeconds;

        return new Figure(
            $"Ingestion over HTTP, {http.Stored:N0} events in {http.Elapsed.TotalSeconds:0.0} s",
            $"{httpRate:N0} events/s",
            $"writer {writerRate:N0} events/s",
            writerRate / httpRate,
            $">= {TargetPerSecond:N0}/s",
            httpRate >= TargetPerSecond,
            http.Batches == batches ? $"every prepared batch was sent before {Duration.TotalSeconds:0} s: the rate holds for a shorter run." : null);
    }

    private static async Task<SendResult> SendAsync(List<byte[]> bodies, CancellationToken ct)
    {
        // A fresh install: the portal migrates its own database, then an Admin creates the sender's token.
        await using var portal = await PortalProcess.StartAsync();
        string token;
        await using (var database = await PortalDatabase.CreateAsync(Path.Combine(portal.DataDirectory, "portal.db"), ct))
        {
            token = await database.CreateIngestionTokenAsync(ct);
        }

        using var client = new HttpClient { BaseAddress = portal.BaseUrl, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await PostAsync(client, bodies[0], ct);
        var next = 0;
        var sent = 0;
        long stored = 0;
        var watch = Stopwatch.StartNew();
        var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
        {
            // Bounded in count and time: stops after 20 s or when the prepared batches run out.
            while (watch.Elapsed < Duration && Interlocked.Increment(ref next) is var index && index < bodies.Count)
            {
                Interlocked.Add(ref stored, await PostAsync(client, bodies[index], ct));
                Interlocked.Increment(ref sent);
            }
        }, ct));
        await Task.WhenAll(senders);
        var elapsed = watch.Elapsed;
        return new SendResult(sent, stored, elapsed);
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

    private static async Task<SendResult> StoreAsync(BenchOptions options, List<byte[]> bodies, CancellationToken ct)
    {
        await using var database = await PortalDatabase.CreateAsync(options.Scratch("written.db"), ct);
        var parser = new AuditEventParser();
        var writer = database.Writer;
        long stored = 0;
        var elapsed = TimeSpan.Zero;
        for (var i = 0; i < bodies.Count; i++)
        {
            var parsed = await parser.ParseAsync(new MemoryStream(bodies[i]), AuditBatchFormat.Ndjson, ct);
            var watch = Stopwatch.StartNew();
            var result = await writer.StoreAsync(parsed.Events, ct);
            if (i > 0)
            {
                elapsed += watch.Elapsed;
                stored += result.Stored;
            }
        }

        return new SendResult(bodies.Count - 1, stored, elapsed);
    }
}
