using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using AdminPortal.Core;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Demo;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AdminPortal.Benchmarks;

/// <summary>
/// The store's figures on PostgreSQL (--postgres): the portal's writer seeding the events against COPY FROM of the same
/// rows, the explorer's cases (ExplorerBenchmark's) through PostgreSqlAuditEventQueries against psql running the very
/// same SQL, and a whole-table CSV export read and gzipped in-process against psql's COPY … TO STDOUT | gzip -1.
/// </summary>
internal static partial class PostgreSqlBenchmark
{
    private const string Database = "adminportal_bench";

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var server = new NpgsqlConnectionStringBuilder(options.Postgres!) { Database = "postgres", Pooling = false };
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync(ct);
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {Database} WITH (FORCE)", admin).ExecuteNonQueryAsync(ct);
            await new NpgsqlCommand($"CREATE DATABASE {Database}", admin).ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(options.Postgres!) { Database = Database, CommandTimeout = 600 }.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSQL",
            ["ConnectionStrings:Portal"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddPortalCore(configuration).BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct))
        {
            await PortalMigrations.MigrateAsync(db, services.GetRequiredService<ILogger<PortalDbContext>>(), ct);
        }

        var figures = new List<Figure>();
        Console.WriteLine($"[postgres] seeding {options.Events:N0} events with the portal's writer (binary COPY)...");
        var (stored, elapsed) = await services.GetRequiredService<DemoSeeder>().SeedAsync(options.Events, TextWriter.Null, ct);
        var seedRate = stored / elapsed.TotalSeconds;
        Console.WriteLine($"[postgres] seeded {stored:N0} in {elapsed.TotalSeconds:0} s ({seedRate:N0}/s); the search indexer catching up...");
        var indexer = services.GetRequiredService<PostgreSqlAuditSearchIndexer>();
        var catchUp = await CatchUpAsync(indexer, ct);
        Console.WriteLine($"[postgres] search vectors of {stored:N0} events filled in {catchUp.TotalSeconds:0.0} s; VACUUM ANALYZE...");
        await Psql(connectionString, "VACUUM ANALYZE", ct);
        if (options.IngestionOnly)
        {
            figures.Add(await IngestionAsync(options, connectionString, indexer, ct));
            return figures;
        }

        var copyRate = await CopyFloorAsync(connectionString, options, ct);
        var copyWithVectorRate = await CopyFloorAsync(connectionString, options, ct, vectorAtCopy: true);
        figures.Add(new Figure("PostgreSQL: seeding with the writer (in-process, not HTTP)", $"{seedRate:N0} events/s", $"COPY FROM {copyRate:N0} rows/s",
            copyRate / seedRate, "(no goal in-process)", true,
            $"COPY FROM into the table as it was before search vectors were deferred (vector computed and GIN-indexed per row): {copyWithVectorRate:N0} rows/s."));
        figures.Add(new Figure($"PostgreSQL: search indexer catching up on {stored:N0} seeded events", $"{stored / catchUp.TotalSeconds:N0} events/s ({catchUp.TotalSeconds:0.0} s)",
            $"COPY FROM with the vector {copyWithVectorRate:N0} rows/s", copyWithVectorRate / (stored / catchUp.TotalSeconds), "(no goal)", true,
            $"chunks of {services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SearchIndexOptions>>().Value.ChunkSize:N0} events (SearchIndex:ChunkSize), one UPDATE each."));

        var now = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(await Psql(connectionString, "SELECT max(\"EventTimeUtc\") FROM \"AuditEvents\"", ct), CultureInfo.InvariantCulture)).UtcDateTime.AddSeconds(1);
        var queries = services.GetRequiredService<IAuditEventQueries>();
        foreach (var c in ExplorerBenchmark.Cases())
        {
            Console.WriteLine($"[postgres] {c.Name}");
            var query = await c.QueryAsync(queries, now, ct);
            var (from, to) = (query.FromUtc ?? now.AddDays(-30), query.ToUtc ?? now);
            Func<Task<string>> run = c.Histogram
                ? async () => $"{(await queries.HistogramAsync(query, from, to, ct)).Count} buckets"
                : async () => await queries.PageAsync(query, ct) is var page && page.TotalIsLowerBound ? $"> {page.Total:N0} matches" : $"{page.Total:N0} matches";
            var matches = await run();
            var measured = new List<double>();
            for (var i = 0; i < ExplorerBenchmark.Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                measured.Add(watch.Elapsed.TotalMilliseconds);
            }

            string[] statements = c.Histogram
                ? [Inline(cmd => PostgreSqlAuditEventQueries.PrepareHistogram(cmd, query, from, to))]
                : [Inline(cmd => PostgreSqlAuditEventQueries.PreparePage(cmd, query)), Inline(cmd => PostgreSqlAuditEventQueries.PrepareCount(cmd, query))];
            var floor = await PsqlTimingsAsync(connectionString, statements, ct);
            string? note = null;
            if (!c.Histogram && query.After is null && query.Skip > 0)
            {
                // A jump is a deferred join: psql also times the plain LIMIT … OFFSET statement it replaced.
                var plain = await PsqlTimingsAsync(connectionString,
                    [Inline(cmd => PostgreSqlAuditEventQueries.PreparePage(cmd, query, deferredJoin: false)), statements[1]], ct);
                note = $"psql running the plain statement (whole rows with OFFSET, no deferred join): p50 {Timings.Ms(plain.P50)} / p95 {Timings.Ms(plain.P95)}.";
            }

            var ours = new Timings(measured);
            var target = c.IsSearch ? ExplorerBenchmark.SearchTargetMs : ExplorerBenchmark.TargetMs;
            figures.Add(new Figure($"PostgreSQL: {c.Name} ({matches})", $"p50 {Timings.Ms(ours.P50)} / p95 {Timings.Ms(ours.P95)}",
                $"psql p50 {Timings.Ms(floor.P50)} / p95 {Timings.Ms(floor.P95)}", ours.P95 / Math.Max(floor.P95, 0.5), $"p95 < {target:0} ms", ours.P95 < target, note));
        }

        figures.Add(await ExportAsync(services, connectionString, identityColumns: false, ct));
        // The same export with the matched identity columns, over matches written as a policy run leaves them (90% of
        // actors, 50% of targets, 10% of second targets; IdentityExportBenchmark's on SQLite).
        await Psql(connectionString, """
            INSERT INTO "LedgerMatches" ("EventId", "Slot", "EventTimeUtc", "EntityKind", "EntityId", "IdentityId", "DisplayName", "PolicyId", "RuleId")
            SELECT "Id", 0, "EventTimeUtc", 'Account', "Id" % 300000 + 1, "Id" % 100000 + 1, 'Identity ' || ("Id" % 100000), 1, 1 FROM "AuditEvents" WHERE "Id" % 10 <> 0
            UNION ALL SELECT "Id", 1, "EventTimeUtc", 'Group', "Id" % 5000 + 300001, NULL, 'group-' || ("Id" % 5000) || ' (ad)', 1, 2 FROM "AuditEvents" WHERE "Id" % 2 = 0
            UNION ALL SELECT "Id", 2, "EventTimeUtc", 'Account', "Id" % 300000 + 1, "Id" % 100000 + 1, 'account ' || ("Id" % 300000), 1, 3 FROM "AuditEvents" WHERE "Id" % 10 = 3;
            VACUUM ANALYZE "LedgerMatches";
            """, ct, file: true);
        figures.Add(await ExportAsync(services, connectionString, identityColumns: true, ct));
        // Last: the events it stores would change the explorer's and the export's figures.
        figures.Add(await IngestionAsync(options, connectionString, indexer, ct));
        return figures;
    }

    private static Task<Figure> IngestionAsync(BenchOptions options, string connectionString, PostgreSqlAuditSearchIndexer indexer, CancellationToken ct) =>
        IngestionBenchmark.RunPostgreSqlAsync(options, connectionString,
            async () => long.Parse(await Psql(connectionString, "SELECT coalesce(max(\"Id\"), 0) FROM \"AuditEvents\"", ct), CultureInfo.InvariantCulture),
            afterId => CopyFloorAsync(connectionString, options, ct, afterId),
            afterId => CopyFloorAsync(connectionString, options, ct, afterId, sessions: Environment.ProcessorCount),
            afterId => CopyFloorAsync(connectionString, options, ct, afterId, vectorAtCopy: true),
            async () => (await indexer.PendingAsync(ct: ct), await CatchUpAsync(indexer, ct)), ct);

    private static async Task<TimeSpan> CatchUpAsync(PostgreSqlAuditSearchIndexer indexer, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await indexer.CatchUpAsync(ct);
        return watch.Elapsed;
    }

    /// <summary>
    /// Rows per second of COPY FROM of the same rows (a CSV of up to 1,000,000 of those after row <paramref name="afterId"/>)
    /// into an empty table with the same indexes, the search vector left to the indexer as ingestion leaves it; with
    /// <paramref name="vectorAtCopy"/>, into the table as it was before (migration AuditSearchDeferred): the vector a
    /// generated column, GIN-indexed as each row is copied. With <paramref name="sessions"/> above one, the rows are
    /// split into that many files, each copied by a psql of its own at the same time: what the server alone does with
    /// every core, no portal beside it, the ceiling of any ingestion on the same machine.
    /// </summary>
    private static async Task<double> CopyFloorAsync(string connectionString, BenchOptions options, CancellationToken ct, long afterId = 0, bool vectorAtCopy = false, int sessions = 1)
    {
        var file = options.Scratch("copy-floor.csv");
        Directory.CreateDirectory(options.WorkFolder);
        const string columns = "SELECT \"EventId\", \"EventTimeUtc\", \"IngestedAtUtc\", \"Tenant\", \"Datasource\", \"Family\", \"Login\", \"Repository\", \"Identity\", \"Code\", \"CodeLabel\", \"Action\", \"Payload\", \"Status\", \"Count\", \"DisplayLabel\", \"TargetType\", \"TargetName\", \"RawJson\"";
        await Psql(connectionString, $"\\copy ({columns} FROM \"AuditEvents\" WHERE \"Id\" > {afterId} ORDER BY \"Id\" LIMIT 1000000) TO '{file}' (FORMAT csv)", ct);
        var rows = File.ReadLines(file).LongCount();
        await Psql(connectionString, """
            CREATE TABLE "CopyFloor" (LIKE "AuditEvents" INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING INDEXES);
            ALTER TABLE "CopyFloor" ALTER COLUMN "Id" SET DEFAULT nextval('"AuditEvents_Id_seq"')
            """, ct);
        if (vectorAtCopy)
        {
            // Dropping the column drops the partial indexes that name it.
            await Psql(connectionString, $"""
                ALTER TABLE "CopyFloor" DROP COLUMN "SearchVector";
                ALTER TABLE "CopyFloor" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS ({PostgreSqlAuditSearchIndexer.VectorOf("")}) STORED;
                CREATE INDEX ON "CopyFloor" USING gin ("SearchVector")
                """, ct);
        }

        var parts = sessions == 1 ? [file] : await SplitAsync(file, rows, sessions, ct);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(parts.Select(part => Psql(connectionString, $"\\copy \"CopyFloor\" (\"EventId\", \"EventTimeUtc\", \"IngestedAtUtc\", \"Tenant\", \"Datasource\", \"Family\", \"Login\", \"Repository\", \"Identity\", \"Code\", \"CodeLabel\", \"Action\", \"Payload\", \"Status\", \"Count\", \"DisplayLabel\", \"TargetType\", \"TargetName\", \"RawJson\") FROM '{part}' (FORMAT csv)", ct)));
        var rate = rows / watch.Elapsed.TotalSeconds;
        await Psql(connectionString, "DROP TABLE \"CopyFloor\"", ct);
        foreach (var part in parts.Append(file).Distinct())
        {
            File.Delete(part);
        }
        return rate;
    }

    /// <summary>
    /// The CSV's rows dealt into <paramref name="count"/> files of consecutive rows, a line each: the demo events hold no
    /// line break (the row count above counts lines as well).
    /// </summary>
    private static async Task<string[]> SplitAsync(string file, long rows, int count, CancellationToken ct)
    {
        var parts = Enumerable.Range(0, count).Select(i => file + "." + i).ToArray();
        var perPart = (rows + count - 1) / count;
        var line = 0L;
        var writers = parts.Select(p => new StreamWriter(p)).ToArray();
        try
        {
            await foreach (var text in File.ReadLinesAsync(file, ct))
            {
                await writers[line++ / perPart].WriteLineAsync(text);
            }
        }
        finally
        {
            foreach (var w in writers)
            {
                await w.DisposeAsync();
            }
        }
        return parts;
    }

    /// <summary>
    /// The whole table as gzipped CSV of the default columns, read as ExportPartWriter reads an object's events (the
    /// source's keyset reader on the read-ahead thread, the serializer and gzip on this one; no upload), after a small
    /// warm-up export (the newest 20,000 events: the JIT, as the SQLite export figures do), against psql's
    /// COPY | gzip -1, which also reads (the server, psql) beside compressing (gzip).
    /// </summary>
    private static async Task<Figure> ExportAsync(ServiceProvider services, string connectionString, bool identityColumns, CancellationToken ct)
    {
        Console.WriteLine($"[postgres] export: whole table, CSV, gzip{(identityColumns ? ", identity columns" : "")}");
        var source = services.GetRequiredService<IExportEventSource>();
        var columns = ExportSerializer.ColumnsFor([], identityColumns);
        var shape = ExportRowShape.For(columns);
        var batchSize = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ExportOptions>>().Value.BatchSize;
        var (newest, _) = await source.NewestAsync(false, ct);
        await ExportWindowAsync(new ExportWindow(Math.Max(0, newest - 20_000), newest, null, null, null, []));

        var watch = Stopwatch.StartNew();
        (newest, _) = await source.NewestAsync(false, ct);
        var rows = await ExportWindowAsync(new ExportWindow(null, newest, null, null, null, []));
        var ours = watch.Elapsed.TotalSeconds;

        var select = $"SELECT {shape.SelectList} FROM \"AuditEvents\" e{shape.Joins} ORDER BY e.\"EventTimeUtc\", e.\"Id\"";
        watch.Restart();
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        await Shell($"psql -X -q -h {b.Host} -p {b.Port} -U {b.Username} -d {b.Database} -c \"COPY ({select.Replace("\"", "\\\"")}) TO STDOUT (FORMAT csv)\" | gzip -1 > /dev/null", ct);
        var floor = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"[postgres] export{(identityColumns ? " with identity columns" : "")}: {ours:0.00} s, psql COPY | gzip -1 {floor:0.00} s");
        return new Figure($"PostgreSQL: export {rows:N0} events, CSV gzip{(identityColumns ? " with identity columns" : "")} (read ahead + encode, no upload)", $"{ours:0.0} s ({rows / ours:N0}/s)",
            $"psql COPY | gzip -1 {floor:0.0} s", ours / floor, "<= 1.5x", ours / floor <= 1.5,
            $"keyset batches of {batchSize:N0} events (Exports:BatchSize), each one four times the one before, up to 50,000.");

        async Task<long> ExportWindowAsync(ExportWindow window)
        {
            long count = 0;
            await using var gzip = new GZipStream(Stream.Null, CompressionLevel.Fastest);
            var serializer = ExportSerializer.Create(ExportFormat.Csv, columns);
            serializer.Begin();
            if (await source.StartAsync(window, ct) is { } start)
            {
                using var reader = await source.ReadAsync(window, shape, start, batchSize, ct);
                if (reader.Read(ct))
                {
                    await using var readAhead = new ExportReadAhead(reader, columns, long.MaxValue, long.MaxValue, ct);
                    while (await readAhead.NextAsync(ct) is { } events)
                    {
                        while (events.MoveNext())
                        {
                            serializer.Write(events.Current);
                            count++;
                            if (serializer.PendingBytes >= ExportSerializer.ChunkBytes)
                            {
                                await serializer.FlushToAsync(gzip, ct);
                            }
                        }
                    }
                }
            }

            serializer.End();
            await serializer.FlushToAsync(gzip, ct);
            return count;
        }
    }

    internal static string Inline(Action<NpgsqlCommand> prepare)
    {
        using var command = new NpgsqlCommand();
        prepare(command);
        var values = command.Parameters.ToDictionary(p => "@" + p.ParameterName, p => p.Value);
        return Parameter().Replace(command.CommandText, m => values.TryGetValue(m.Value, out var v) ? v switch
        {
            string s => "'" + s.Replace("'", "''") + "'",
            IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new ArgumentException($"No SQL literal for {v?.GetType().Name}."),
        } : m.Value) + ";";
    }

    [GeneratedRegex(@"@[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Parameter();

    /// <summary>psql's own \timing of the statements, once to warm up, then per run (the statements of a run summed).</summary>
    internal static async Task<Timings> PsqlTimingsAsync(string connectionString, string[] statements, CancellationToken ct)
    {
        var script = new StringBuilder("\\o /dev/null\n").AppendJoin('\n', statements).Append("\n\\timing on\n");
        for (var i = 0; i < ExplorerBenchmark.Runs; i++)
        {
            script.AppendJoin('\n', statements).Append('\n');
        }

        var output = await Psql(connectionString, script.ToString(), ct, file: true);
        var times = TimingLine().Matches(output).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        return new Timings(times.Chunk(statements.Length).Select(run => run.Sum()));
    }

    [GeneratedRegex(@"Time: ([0-9.]+) ms")]
    private static partial Regex TimingLine();

    internal static async Task<string> Psql(string connectionString, string sql, CancellationToken ct, bool file = false)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var info = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!, "-d", b.Database! })
        {
            info.ArgumentList.Add(a);
        }

        string? script = null;
        if (file)
        {
            script = Path.GetTempFileName();
            await File.WriteAllTextAsync(script, sql, ct);
            info.ArgumentList.Add("-f");
            info.ArgumentList.Add(script);
        }
        else
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(sql);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (script is not null)
        {
            File.Delete(script);
        }

        return process.ExitCode == 0 ? (await output).Trim() : throw new InvalidOperationException("psql: " + await errors);
    }

    private static async Task Shell(string command, CancellationToken ct)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-o", "pipefail", "-c", command]) { RedirectStandardError = true })!;
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(command + ": " + await errors);
        }
    }
}
