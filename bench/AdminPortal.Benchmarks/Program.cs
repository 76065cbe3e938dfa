using System.Globalization;
using AdminPortal.Benchmarks;

// Figures of the audit log store, each against a baseline measured in the same run (README, "Benchmarks").
// dotnet run -c Release --project bench/AdminPortal.Benchmarks -- [--events N] [--db path] [--reuse] [--only generation|explorer|exports|identity-exports|ledger|ledger-import|ingestion|writer|postgres|postgres-ingestion] [--postgres "Host=...;Username=..."]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args is [ExportWorker.Switch, ..])
{
    // The export figures' worker process: one export run, then its report (ExportBenchmark starts it).
    return await ExportWorker.MainAsync(args, CancellationToken.None);
}

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/AdminPortal.Benchmarks -- [--events N] [--db path] [--reuse] [--only generation|explorer|exports|identity-exports|ledger|ledger-import|ingestion|writer|postgres|postgres-ingestion] [--postgres 'Host=...;Username=...']");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;

Console.WriteLine($"AdminPortal audit log benchmark: {options.Events:N0} events, {Environment.ProcessorCount} cores, " +
    $"load average {File.ReadAllText("/proc/loadavg").Split(' ')[..3].Aggregate((a, b) => a + " " + b)} " +
    "(figures compare only on an idle machine)");
SQLitePCL.Batteries_V2.Init();
Console.WriteLine($"SQLite {SQLitePCL.raw.sqlite3_libversion().utf8_to_string()} in-process, {await SqliteShell.VersionAsync(ct)} in the sqlite3 shell; " +
    $"work folder {options.WorkFolder}");

var report = new Report();
try
{
    Directory.CreateDirectory(options.WorkFolder);

    if (options.Runs("generation"))
    {
        report.Add(await GenerationBenchmark.RunAsync(options, ct));
    }

    if (options.Runs("explorer") || options.Runs("exports") || options.Runs("identity-exports"))
    {
        var db = await EventDatabase.OpenAsync(options, ct);
        if (options.Runs("explorer"))
        {
            report.AddRange(await ExplorerBenchmark.RunAsync(db, ct));
        }

        if (options.Runs("exports"))
        {
            report.AddRange(await ExportBenchmark.RunAsync(db, options, ct));
        }

        if (options.Runs("identity-exports"))
        {
            report.AddRange(await IdentityExportBenchmark.RunAsync(db, options, ct));
        }
    }

    // The imports first: the matching figure generates its own ledger by SQL.
    if (options.Runs("ledger") || options.Runs("ledger-import"))
    {
        report.AddRange(await LedgerImportBenchmark.RunAsync(options, ct));
    }

    if (options.Runs("ledger"))
    {
        report.AddRange(await LedgerBenchmark.RunAsync(options, ct));
    }

    if (options.Runs("ingestion"))
    {
        report.Add(await IngestionBenchmark.RunAsync(options, ct));
    }

    // With --postgres: the store's figures on PostgreSQL, each against psql on the same server.
    if (options.Runs("postgres"))
    {
        report.AddRange(await PostgreSqlBenchmark.RunAsync(options, ct));
    }

    // Not part of a full run: the HTTP figure above already replays the writer alone.
    if (options.Runs("writer"))
    {
        report.Add(await IngestionBenchmark.RunInProcessAsync(options, ct));
    }
}
finally
{
    options.CleanUp();
}

report.Print(Console.Out);
return 0;
