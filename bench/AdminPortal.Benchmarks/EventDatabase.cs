using System.Diagnostics;
using AdminPortal.Core.AuditLogs.Demo;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Benchmarks;

/// <summary>The N-event database the explorer figures read, and the newest event time in it (the queries' "now").</summary>
internal sealed record EventDatabase(string Path, long Events, DateTime NowUtc)
{
    public DatabaseOptions Options => new() { Path = Path };

    /// <summary>Generates the database with the portal's DemoSeeder, or with --reuse opens the one an earlier run left.</summary>
    public static async Task<EventDatabase> OpenAsync(BenchOptions options, CancellationToken ct)
    {
        var path = options.EventsDbPath;
        if (options.Reuse)
        {
            // An earlier run's file is brought up to the portal's schema, as the portal does at start, and its search
            // index caught up (an index from before the index had a file of its own is built again).
            await using var existing = await PortalDatabase.CreateAsync(path, ct);
            await existing.Get<AuditSearchIndexer>().CatchUpAsync(ct);
        }
        else
        {
            if (File.Exists(path))
            {
                throw new InvalidOperationException($"{path} exists: pass --reuse to read it, or delete it.");
            }

            Console.WriteLine($"[explorer] generating {options.Events:N0} events into {path} (--reuse skips this next time)...");
            var watch = Stopwatch.StartNew();
            await using var database = await PortalDatabase.CreateAsync(path, ct);
            await database.Get<DemoSeeder>().SeedAsync(options.Events, TextWriter.Null, ct);
            Console.WriteLine($"[explorer] generated in {watch.Elapsed.TotalSeconds:0} s");
            // Searches are timed as a portal in service answers them: its indexer long caught up with the seeding.
            watch.Restart();
            await database.Get<AuditSearchIndexer>().CatchUpAsync(ct);
            Console.WriteLine($"[explorer] full-text index caught up in {watch.Elapsed.TotalSeconds:0} s");
        }

        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), max(\"EventTimeUtc\") FROM \"AuditEvents\"";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var events = reader.GetInt64(0);
        // One second past the newest event: "last 30 days" then means what it meant to a user right after seeding.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)).UtcDateTime.AddSeconds(1);
        if (events != options.Events)
        {
            Console.WriteLine($"[explorer] {path} holds {events:N0} events (not the {options.Events:N0} asked for): figures are for {events:N0}.");
        }

        return new EventDatabase(path, events, now);
    }
}
