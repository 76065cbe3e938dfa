using System.Diagnostics;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Exports;

namespace AdminPortal.Benchmarks;

/// <summary>
/// A full export of the N-event database to local files with and without the matched identity columns
/// (<see cref="ExportIdentityColumns"/>), each in a worker process: without them against sqlite3 -csv of the element's
/// columns, with them against sqlite3 -csv of the same three LEFT JOINs on LedgerMatches. The matches are written
/// straight into the table (90% of actors, 50% of targets, 10% of second targets matched), as a policy run leaves them.
/// </summary>
internal static class IdentityExportBenchmark
{
    private const double TargetRatio = 1.5;

    public static async Task<IReadOnlyList<Figure>> RunAsync(EventDatabase db, BenchOptions options, CancellationToken ct)
    {
        var columns = AuditColumns.DefaultVisible.Append(nameof(AuditEvent.EventId)).ToList();
        await FillMatchesAsync(db, ct);
        Console.Write("[identity-exports] (warm-up) ");
        await ExportBenchmark.BaselineAsync(db, JoinedSelect(columns), options.Scratch("baseline.csv.gz"), ct);
        var figures = new List<Figure>();
        foreach (var format in new[] { ExportFormat.JsonLines, ExportFormat.Csv })
        {
            var plainBaseline = await ExportBenchmark.BaselineAsync(db, columns, options.Scratch("baseline.csv.gz"), ct);
            var plain = await ExportAsync(db, format, columns, identityColumns: false, options, ct);
            var joinedBaseline = await ExportBenchmark.BaselineAsync(db, JoinedSelect(columns), options.Scratch("baseline.csv.gz"), ct);
            var joined = await ExportAsync(db, format, columns, identityColumns: true, options, ct);
            figures.Add(Figure($"export {format}.gz, local files, identity columns off", plain, plainBaseline, "sqlite3 -csv | gzip -1 of the same columns, just before"));
            figures.Add(Figure($"export {format}.gz, local files, identity columns on", joined, joinedBaseline,
                $"sqlite3 -csv | gzip -1 of the same columns and LEFT JOINs, just before; {joined.Seconds / plain.Seconds:0.00}x the time without them, " +
                $"{(double)joined.Bytes / plain.Bytes:0.00}x the bytes"));
        }

        return figures;
    }

    private static Figure Figure(string name, ExportWorkerResult run, TimeSpan baseline, string note)
    {
        var ratio = run.Seconds / baseline.TotalSeconds;
        return new Figure(name, $"{run.Seconds:0.00} s ({run.Rows / run.Seconds:N0} rows/s, {run.Bytes / run.Seconds / 1e6:0.0} MB/s)",
            $"{baseline.TotalSeconds:0.00} s", ratio, $"<= {TargetRatio:0.0}x", ratio <= TargetRatio,
            $"{run.Rows:N0} rows in {run.Objects} objects, {run.Bytes / 1e6:0.0} MB stored, peak {run.PeakBytes / 1e6:0} MB; baseline: {note}");
    }

    private static async Task<ExportWorkerResult> ExportAsync(EventDatabase db, ExportFormat format, IReadOnlyList<string> columns, bool identityColumns,
        BenchOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateDirectory(options.Scratch($"identity-exports-{format}-{identityColumns}")).FullName;
        Console.WriteLine($"[identity-exports] {format}.gz of {db.Events:N0} events, identity columns {(identityColumns ? "on" : "off")}, in a worker process...");
        var run = await ExportWorker.RunAsync(db.Path, format, columns, ExportSink.Local(folder), ct, identityColumns);
        return run.Succeeded ? run : throw new InvalidOperationException($"The export failed: {run.Error}");
    }

    /// <summary>The export's own statement without its keyset: the element's columns, then the identity columns of the three joins.</summary>
    private static string JoinedSelect(IReadOnlyList<string> columns)
    {
        var shape = ExportRowShape.For(ExportSerializer.ColumnsFor(columns, identityColumns: true));
        return $"SELECT {shape.SelectList} FROM \"AuditEvents\" e{shape.Joins} ORDER BY e.\"EventTimeUtc\", e.\"Id\";";
    }

    /// <summary>Matches for most events, once per database (a --reuse run finds them there).</summary>
    private static async Task FillMatchesAsync(EventDatabase db, CancellationToken ct)
    {
        const string Insert = "INSERT INTO \"LedgerMatches\" (\"EventId\", \"Slot\", \"EventTimeUtc\", \"EntityKind\", \"EntityId\", \"IdentityId\", \"DisplayName\", \"PolicyId\", \"RuleId\") ";
        var sql = $"""
            SELECT CASE WHEN EXISTS (SELECT 1 FROM "LedgerMatches") THEN 'kept' ELSE 'filled' END;
            BEGIN;
            {Insert}SELECT "Id", 0, "EventTimeUtc", 'Account', "Id" % 300000 + 1, "Id" % 100000 + 1, 'Identity ' || ("Id" % 100000), 1, 1
                FROM "AuditEvents" WHERE "Id" % 10 <> 0 AND NOT EXISTS (SELECT 1 FROM "LedgerMatches");
            {Insert}SELECT "Id", 1, "EventTimeUtc", 'Group', "Id" % 5000 + 300001, NULL, 'group-' || ("Id" % 5000) || ' (ad)', 1, 2
                FROM "AuditEvents" WHERE "Id" % 2 = 0 AND NOT EXISTS (SELECT 1 FROM "LedgerMatches" WHERE "Slot" = 1);
            {Insert}SELECT "Id", 2, "EventTimeUtc", 'Account', "Id" % 300000 + 1, "Id" % 100000 + 1, 'account ' || ("Id" % 300000), 1, 3
                FROM "AuditEvents" WHERE "Id" % 10 = 3 AND NOT EXISTS (SELECT 1 FROM "LedgerMatches" WHERE "Slot" = 2);
            COMMIT;
            SELECT count(*) FROM "LedgerMatches";
            """;
        var start = new ProcessStartInfo("sqlite3") { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(db.Path);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(sql);
        process.StandardInput.Close();
        var output = (await process.StandardOutput.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("Writing the matches with sqlite3 failed.");
        }

        Console.WriteLine($"[identity-exports] matches {output[0]}: {output[^1]} rows in LedgerMatches ({watch.Elapsed.TotalSeconds:0.0} s)");
    }
}
