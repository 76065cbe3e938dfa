using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Demo;

namespace AdminPortal.Benchmarks;

/// <summary>
/// Figure 1: demo events generated and stored by the portal's DemoSeeder (the --seed-demo switch) into a new database,
/// against the sqlite3 shell inserting the very same rows (copied from that database). Neither builds the full-text
/// index: it follows in the background, as after any ingestion (the explorer figures catch it up before searching).
/// </summary>
internal static class GenerationBenchmark
{
    public const int TargetEvents = 1_000_000;
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(30);

    public static async Task<Figure> RunAsync(BenchOptions options, CancellationToken ct)
    {
        // Development runs stay small: fewer events, and the target scaled to them.
        var count = Math.Min(options.Events, TargetEvents);
        var target = Target * count / TargetEvents;
        Console.WriteLine($"[generation] seeding {count:N0} demo events...");

        TimeSpan elapsed;
        long stored;
        await using (var seeded = await PortalDatabase.CreateAsync(options.Scratch("seeded.db"), ct))
        {
            (stored, elapsed) = await seeded.Get<DemoSeeder>().SeedAsync(count, TextWriter.Null, ct);
        }

        Console.WriteLine($"[generation] sqlite3 inserting the same {stored:N0} rows...");
        var copyPath = options.Scratch("seeded-by-sqlite3.db");
        await using (await PortalDatabase.CreateAsync(copyPath, ct))
        {
        }

        var columns = Quoted(AuditColumns.All.Select(c => c.Name).Append(nameof(AuditEvent.RawJson)));
        // The writer's own PRAGMAs, and one transaction as the writer's batches have.
        var script = $"""
            PRAGMA cache_size = -262144; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY;
            ATTACH DATABASE '{options.Scratch("seeded.db")}' AS seeded;
            .timer on
            BEGIN;
            INSERT INTO main."AuditEvents" ({columns}) SELECT {columns} FROM seeded."AuditEvents" ORDER BY "Id";
            COMMIT;
            """;
        var floor = TimeSpan.FromMilliseconds((await SqliteShell.TimeAsync(copyPath, script, readOnly: false, ct)).Sum());

        File.Delete(options.Scratch("seeded.db"));
        File.Delete(copyPath);
        return new Figure(
            $"Demo generation, {stored:N0} events",
            $"{elapsed.TotalSeconds:0.0} s ({stored / elapsed.TotalSeconds:N0}/s)",
            $"sqlite3 {floor.TotalSeconds:0.0} s",
            elapsed / floor,
            $"< {target.TotalSeconds:0.#} s",
            elapsed < target);
    }

    private static string Quoted(IEnumerable<string> names) => string.Join(", ", names.Select(n => "\"" + n + "\""));
}
