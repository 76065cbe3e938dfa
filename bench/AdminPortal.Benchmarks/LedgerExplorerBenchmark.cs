using System.Diagnostics;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Matching;

namespace AdminPortal.Benchmarks;

/// <summary>
/// The explorer's ledger filters on the matched ledger figure's database (1,000,000 events, every one of them matched
/// by the run before): "every event of identity X, across her accounts" (<c>identity=</c>) and "events whose actor
/// matched nothing" (<c>unmatched=actor</c>), each a page and its count through the portal's reader, p50/p95 of 20
/// runs, against the same SQL (built by the reader) timed by the sqlite3 shell on the same file.
/// </summary>
internal static class LedgerExplorerBenchmark
{
    /// <summary>An identity as the ledger figure generates them: three accounts, one of them changing owner mid-month.</summary>
    public const long Identity = 4242;

    internal static IEnumerable<(string Name, ExplorerState State)> Cases(DateTime fromUtc, DateTime toUtc)
    {
        var month = new ExplorerState { Range = "custom", FromUtc = fromUtc, ToUtc = toUtc };
        yield return ($"identity={Identity}, a month", month with { IdentityId = Identity });
        yield return ("unmatched=actor, a month", month with { ActorUnmatched = true });
    }

    public static async Task<IReadOnlyList<Figure>> RunSqliteAsync(PortalDatabase database, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        return await RunCasesAsync(database.Get<IAuditEventQueries>(), "", fromUtc, toUtc, async query =>
        {
            var floor = await ExplorerBenchmark.FloorAsync(database.Path, [ExplorerBenchmark.Page(query), ExplorerBenchmark.Count(query)], ct);
            return ($"sqlite3 shell p50 {Timings.Ms(floor.P50)} / p95 {Timings.Ms(floor.P95)}", floor);
        }, ct);
    }

    /// <summary>
    /// The same on PostgreSQL, on the ledger the import figures left there (100,000 identities, 300,000 accounts, a tenth
    /// of them with a new owner the next day): the same 1,000,000 events written by SQL, the same policy run by the
    /// portal's <see cref="LedgerMatcher"/>, then each case through PostgreSqlAuditEventQueries against psql running the
    /// very same SQL.
    /// </summary>
    public static async Task<IReadOnlyList<Figure>> RunPostgreSqlAsync(string connectionString, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        Console.WriteLine($"[ledger] PostgreSQL: writing {LedgerBenchmark.Events:N0} events by SQL...");
        var watch = Stopwatch.StartNew();
        var from = LedgerCommands.Ms(fromUtc);
        await PostgreSqlBenchmark.Psql(connectionString, $"""
            SELECT "AuditEventsEnsureMonth"({from});
            INSERT INTO "AuditEvents" ("EventId", "EventTimeUtc", "IngestedAtUtc", "Datasource", "Family", "Login", "Repository", "Code", "CodeLabel",
                "Action", "Count", "TargetType", "TargetName", "TargetParent")
            SELECT 'ledger-' || i, at, at, 'active-directory', 'directory', CASE WHEN i % 5 = 0 THEN 'U' ELSE 'u' END || a,
                CASE a % 3 WHEN 0 THEN 'ad' WHEN 1 THEN 'sap' ELSE 'ldap' END, '4624', 'Logon', 'logon', 1,
                CASE WHEN i % 2 = 0 THEN 'Account' END, CASE WHEN i % 2 = 0 THEN 'u' || t END,
                CASE WHEN i % 2 = 0 THEN CASE t % 3 WHEN 0 THEN 'ad' WHEN 1 THEN 'sap' ELSE 'ldap' END END
            FROM (SELECT i, (i * 7919) % 330000 + 1 AS a, (i * 104729) % 330000 + 1 AS t, {from} + (i - 1) * 2592 AS at
                  FROM generate_series(1::bigint, {LedgerBenchmark.Events}) i) e
            """, ct);
        // psql -c runs a string of statements as one transaction, which VACUUM refuses.
        await PostgreSqlBenchmark.Psql(connectionString, "VACUUM ANALYZE \"AuditEvents\"", ct);
        Console.WriteLine($"[ledger] PostgreSQL: written in {watch.Elapsed.TotalSeconds:0} s; matching...");
        await using var database = PortalDatabase.OnPostgreSql(connectionString);
        var policy = await LedgerBenchmark.SavePolicyAsync(database, ct);
        var report = await database.Get<LedgerMatcher>().RunAsync(policy, fromUtc, toUtc, ct);
        Console.WriteLine($"[ledger] PostgreSQL: LedgerMatcher {report.Elapsed.TotalSeconds:0.0} s ({report.ActorsMatched:N0} actors, {report.TargetsMatched:N0} targets matched)");
        await PostgreSqlBenchmark.Psql(connectionString, "VACUUM ANALYZE \"LedgerMatches\"", ct);

        return await RunCasesAsync(database.Get<IAuditEventQueries>(), "PostgreSQL: ", fromUtc, toUtc, async query =>
        {
            var floor = await PostgreSqlBenchmark.PsqlTimingsAsync(connectionString,
                [PostgreSqlBenchmark.Inline(c => PostgreSqlAuditEventQueries.PreparePage(c, query)), PostgreSqlBenchmark.Inline(c => PostgreSqlAuditEventQueries.PrepareCount(c, query))], ct);
            return ($"psql p50 {Timings.Ms(floor.P50)} / p95 {Timings.Ms(floor.P95)}", floor);
        }, ct);
    }

    /// <summary>Each case's page and count through the reader, against the floor of the same SQL.</summary>
    private static async Task<IReadOnlyList<Figure>> RunCasesAsync(IAuditEventQueries reader, string provider, DateTime fromUtc, DateTime toUtc,
        Func<AuditQuery, Task<(string Baseline, Timings Floor)>> floorOf, CancellationToken ct)
    {
        var figures = new List<Figure>();
        foreach (var (name, state) in Cases(fromUtc, toUtc))
        {
            Console.WriteLine($"[ledger] {provider}explorer: {name}");
            var query = state.ToQuery(toUtc);
            var (matches, ours) = await TimeAsync(async () => await reader.PageAsync(query, ct));
            var (baseline, floor) = await floorOf(query);
            figures.Add(new Figure($"{provider}explorer {name} ({matches})", $"p50 {Timings.Ms(ours.P50)} / p95 {Timings.Ms(ours.P95)}", baseline,
                ours.P95 / Math.Max(floor.P95, 0.5), $"p95 < {ExplorerBenchmark.TargetMs:0} ms", ours.P95 < ExplorerBenchmark.TargetMs));
        }

        return figures;
    }

    /// <summary>One untimed call (it warms the cache, as the floor's first run does), then <see cref="ExplorerBenchmark.Runs"/> timed ones.</summary>
    private static async Task<(string Matches, Timings Timings)> TimeAsync(Func<Task<AuditPage>> page)
    {
        var first = await page();
        var measured = new List<double>();
        for (var i = 0; i < ExplorerBenchmark.Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await page();
            measured.Add(watch.Elapsed.TotalMilliseconds);
        }

        return ($"{(first.TotalIsLowerBound ? "> " : "")}{first.Total:N0} events", new Timings(measured));
    }
}
