using System.Diagnostics;
using System.Globalization;
using System.Text;
using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AdminPortal.Benchmarks;

/// <summary>
/// The ledger's import figures: <see cref="ImportLedgerFile"/> reading and storing a 100,000-identity file, then a
/// 300,000-account file (first snapshots), then the accounts again a day later with a tenth of the owners changed (the
/// history path: versions ended and new ones started), on SQLite and, with --postgres, on PostgreSQL. The floor of each
/// is the database loading the same file into a bare table of the same columns with no index: the sqlite3 shell's
/// <c>.import --csv</c>, psql's <c>\copy … (FORMAT csv, HEADER)</c>.
/// </summary>
internal static class LedgerImportBenchmark
{
    private const string PostgreSqlDatabase = "adminportal_ledger_bench";
    private static readonly DateTime FirstDay = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The PostgreSQL database the imports filled (with --postgres): the ledger the matching figures run against there.</summary>
    public static string? PostgreSqlConnectionString { get; private set; }

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(options.WorkFolder);
        var files = new LedgerFiles(options.Scratch("identities.csv"), options.Scratch("accounts.csv"), options.Scratch("accounts-next-day.csv"));
        WriteFiles(files);
        var figures = new List<Figure>();
        var path = options.Scratch("ledger-import.db");
        await using (var sqlite = await PortalDatabase.CreateAsync(path, ct))
        {
            figures.AddRange(await ImportAllAsync("SQLite", sqlite, files, file => SqliteFloorAsync(options, file, ct), ct));
        }

        if (options.Postgres is not null)
        {
            var connectionString = await CreatePostgreSqlAsync(options.Postgres, ct);
            PostgreSqlConnectionString = connectionString;
            await using var postgres = PortalDatabase.OnPostgreSql(connectionString);
            figures.AddRange(await ImportAllAsync("PostgreSQL", postgres, files, file => PsqlFloorAsync(connectionString, file, ct), ct));
        }

        return figures;
    }

    private sealed record LedgerFiles(string Identities, string Accounts, string AccountsNextDay);

    private static async Task<IReadOnlyList<Figure>> ImportAllAsync(string provider, PortalDatabase database, LedgerFiles files,
        Func<string, Task<double>> floor, CancellationToken ct)
    {
        var admin = await database.AdminAsync(ct);
        var import = database.Get<ImportLedgerFile>();
        var figures = new List<Figure>();
        foreach (var (kind, file, day, what) in new[]
        {
            (LedgerKind.Identity, files.Identities, FirstDay, $"{LedgerBenchmark.Identities / 1000}k identities"),
            (LedgerKind.Account, files.Accounts, FirstDay, $"{LedgerBenchmark.Accounts / 1000}k accounts"),
            (LedgerKind.Account, files.AccountsNextDay, FirstDay.AddDays(1), $"{LedgerBenchmark.Accounts / 1000}k accounts next day, a tenth changed"),
        })
        {
            Console.WriteLine($"[ledger] {provider}: importing {what}...");
            var watch = Stopwatch.StartNew();
            LedgerImportReport report;
            await using (var csv = File.OpenRead(file))
            {
                report = await import.HandleAsync(admin, kind, csv, Path.GetFileName(file), day, ct);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            if (report.Error is not null)
            {
                throw new InvalidOperationException($"The {what} import failed: {report.Error} {string.Join(" | ", report.Rejections.Take(3))}");
            }

            var floorSeconds = await floor(file);
            Console.WriteLine($"[ledger] {provider}: {what} in {seconds:0.0} s ({report.Added:N0} added, {report.Changed:N0} changed, {report.Ended:N0} ended); floor {floorSeconds:0.00} s");
            figures.Add(new Figure($"{provider}: ledger import, {what}", $"{seconds:0.0} s ({report.Rows / seconds:N0} rows/s)",
                $"{(provider == "SQLite" ? "sqlite3 .import" : "psql \\copy")} {floorSeconds:0.00} s", seconds / Math.Max(floorSeconds, 0.001),
                "(no goal)", true, $"{report.Added:N0} added, {report.Changed:N0} changed, {report.Ended:N0} ended"));
        }

        return figures;
    }

    /// <summary>
    /// Identity n (E1…E100000) owns accounts n, n + 100,000 and n + 200,000, each in one of three repositories; the next
    /// day's file gives every tenth account another owner.
    /// </summary>
    private static void WriteFiles(LedgerFiles files)
    {
        using (var identities = new StreamWriter(files.Identities, false, new UTF8Encoding(false)))
        {
            identities.WriteLine("hrCode,fullName,givenName,familyName,email,organisation");
            for (var i = 1; i <= LedgerBenchmark.Identities; i++)
            {
                identities.WriteLine(string.Create(CultureInfo.InvariantCulture, $"E{i},Person {i},Given{i},Family{i},p{i}@corp.example,ORG{i % 50}"));
            }
        }

        foreach (var (file, nextDay) in new[] { (files.Accounts, false), (files.AccountsNextDay, true) })
        {
            using var accounts = new StreamWriter(file, false, new UTF8Encoding(false));
            accounts.WriteLine("login,repository,owner,sid,name");
            for (var i = 1; i <= LedgerBenchmark.Accounts; i++)
            {
                var owner = (nextDay && i % 10 == 0 ? i * 7 : i - 1) % LedgerBenchmark.Identities + 1;
                var repository = (i % 3) switch { 0 => "ad", 1 => "sap", _ => "ldap" };
                accounts.WriteLine(string.Create(CultureInfo.InvariantCulture, $"u{i},{repository},E{owner},S-1-5-21-100-{i},Account {i}"));
            }
        }
    }

    /// <summary>The sqlite3 shell's .import of the file into a new bare table (in a file of its own), wall clock.</summary>
    private static async Task<double> SqliteFloorAsync(BenchOptions options, string file, CancellationToken ct)
    {
        var path = options.Scratch("ledger-floor.db");
        File.Delete(path);
        var header = File.ReadLines(file).First();
        var script = $"CREATE TABLE bare ({string.Join(", ", header.Split(',').Select(c => c + " TEXT"))});\n" +
            $".import --csv --skip 1 '{file}' bare\n";
        var watch = Stopwatch.StartNew();
        await SqliteShell.TimeAsync(path, script, readOnly: false, ct);
        var seconds = watch.Elapsed.TotalSeconds;
        File.Delete(path);
        return seconds;
    }

    /// <summary>psql's \copy of the file into a new bare table, wall clock.</summary>
    private static async Task<double> PsqlFloorAsync(string connectionString, string file, CancellationToken ct)
    {
        var header = File.ReadLines(file).First();
        await PostgreSqlBenchmark.Psql(connectionString,
            $"DROP TABLE IF EXISTS bare; CREATE TABLE bare ({string.Join(", ", header.Split(',').Select(c => "\"" + c + "\" text"))})", ct);
        var watch = Stopwatch.StartNew();
        await PostgreSqlBenchmark.Psql(connectionString, $"\\copy bare FROM '{file}' (FORMAT csv, HEADER)", ct);
        var seconds = watch.Elapsed.TotalSeconds;
        await PostgreSqlBenchmark.Psql(connectionString, "DROP TABLE bare", ct);
        return seconds;
    }

    /// <summary>A new database on the --postgres server, migrated as the portal migrates it.</summary>
    private static async Task<string> CreatePostgreSqlAsync(string server, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {PostgreSqlDatabase} WITH (FORCE)", connection).ExecuteNonQueryAsync(ct);
            await new NpgsqlCommand($"CREATE DATABASE {PostgreSqlDatabase}", connection).ExecuteNonQueryAsync(ct);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = PostgreSqlDatabase, CommandTimeout = 600 }.ConnectionString;
        await using var migrator = PortalDatabase.OnPostgreSql(connectionString);
        await using var db = await migrator.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        await PortalMigrations.MigrateAsync(db, migrator.Get<ILogger<PortalDbContext>>(), ct);
        return connectionString;
    }
}
