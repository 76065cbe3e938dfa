using System.Diagnostics;

namespace AdminPortal.Core.AuditLogs.Demo;

/// <summary>Writes generated demo events to the store in large batches (the portal's --seed-demo switch).</summary>
public sealed class DemoSeeder(AuditEventWriter writer, TimeProvider clock)
{
    private const int BatchSize = 50_000;

    public async Task<(long Stored, TimeSpan Elapsed)> SeedAsync(int count, TextWriter progress, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var generator = new DemoDataGenerator(seed: Environment.TickCount);
        var batch = new List<AuditEvent>(BatchSize);
        long stored = 0;
        foreach (var e in generator.Generate(count, clock.GetUtcNow().UtcDateTime))
        {
            batch.Add(e);
            if (batch.Count == BatchSize)
            {
                stored += (await writer.StoreAsync(batch, ct)).Stored;
                batch.Clear();
                await progress.WriteLineAsync($"  {stored:N0} events ({stored / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0}/s)");
            }
        }

        stored += (await writer.StoreAsync(batch, ct)).Stored;
        return (stored, watch.Elapsed);
    }
}
