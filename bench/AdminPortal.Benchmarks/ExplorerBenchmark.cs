using System.Diagnostics;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Benchmarks;

/// <summary>
/// Figure 2: explorer queries timed in-process through AuditEventReader (server side, no rendering), against the
/// same SQL (built by the reader itself) timed by the sqlite3 shell on the same file, read-only: the floor.
/// </summary>
internal static class ExplorerBenchmark
{
    internal const int Runs = 20;
    internal const double TargetMs = 250;
    internal const double SearchTargetMs = 500;

    // Demo data values (DemoDataGenerator): its skew makes the first login, source and action the most frequent;
    // person 299, "yara.moreau299", the rarest.
    private const string FrequentLogin = "alice.martin@corp.example";
    private const string RareWord = "moreau299";

    /// <summary>An explorer read; with <paramref name="Next"/>, the page at <paramref name="Skip"/> read as the grid's Next button reads it: after the last row of the page before.</summary>
    internal sealed record Case(string Name, ExplorerState State, int Skip = 0, bool Histogram = false, bool Next = false)
    {
        public bool IsSearch => State.Search is not null;

        /// <summary>The query the case times (for Next, the key comes from reading the page before, untimed).</summary>
        public async Task<AuditQuery> QueryAsync(IAuditEventQueries reader, DateTime nowUtc, CancellationToken ct)
        {
            if (!Next)
            {
                return State.ToQuery(nowUtc, Skip);
            }

            var before = await reader.PageAsync(State.ToQuery(nowUtc, Skip - PageSize), ct);
            return State.ToQuery(nowUtc) with { After = AuditPageKey.Of(before.Rows[^1], State.Sort) };
        }
    }

    private const int PageSize = 50;

    internal static IEnumerable<Case> Cases()
    {
        var last30Days = new ExplorerState { Range = "30d" };
        ExplorerState Where(string column, string value) =>
            last30Days with { Filters = [new AuditFilter(column, FilterOperator.Equals, value)] };
        ExplorerState SortBy(string column) => last30Days with { Sort = column, Descending = false };

        yield return new("first page, last 30 days", last30Days);
        // A user reaches a deep page with Next (the grid reads it after the last row shown); a jump there is an OFFSET.
        yield return new("page 10,000 by Next from page 9,999 (keyset)", last30Days, Skip: 499_950, Next: true);
        yield return new("page 10,000 by a jump (OFFSET 499,950)", last30Days, Skip: 499_950);
        yield return new("sort Login asc", SortBy(nameof(AuditEvent.Login)));
        yield return new("sort Action asc", SortBy(nameof(AuditEvent.Action)));
        yield return new("sort Status asc", SortBy(nameof(AuditEvent.Status)));
        yield return new($"Login = {FrequentLogin}", Where(nameof(AuditEvent.Login), FrequentLogin));
        yield return new("Action = select", Where(nameof(AuditEvent.Action), "select"));
        yield return new("Status = Fail", Where(nameof(AuditEvent.Status), nameof(AuditEventStatus.Fail)));
        yield return new("Family = database", Where(nameof(AuditEvent.Family), "database"));
        yield return new("last 24 h", new ExplorerState { Range = "24h" });
        yield return new("search \"alice\"", last30Days with { Search = "alice" });
        yield return new($"search rare \"{RareWord}\"", last30Days with { Search = RareWord });
        yield return new("histogram, 30 days", last30Days, Histogram: true);
    }

    public static async Task<IReadOnlyList<Figure>> RunAsync(EventDatabase db, CancellationToken ct)
    {
        var reader = new AuditEventReader(Options.Create(db.Options));
        var figures = new List<Figure>();
        foreach (var c in Cases())
        {
            Console.WriteLine($"[explorer] {c.Name}");
            var query = await c.QueryAsync(reader, db.NowUtc, ct);
            var (from, to) = (query.FromUtc ?? db.NowUtc.AddDays(-30), query.ToUtc ?? db.NowUtc);
            Func<Task<string>> run = c.Histogram
                ? async () => $"{(await reader.HistogramAsync(query, from, to, ct)).Count} buckets"
                : async () => await reader.PageAsync(query, ct) is var page && page.TotalIsLowerBound ? $"> {page.Total:N0} matches" : $"{page.Total:N0} matches";

            var matches = await run(); // warms the page cache, as the shell's first run does
            var measured = new List<double>();
            for (var i = 0; i < Runs; i++)
            {
                var watch = Stopwatch.StartNew();
                await run();
                measured.Add(watch.Elapsed.TotalMilliseconds);
            }

            var floor = await FloorAsync(db.Path, c.Histogram ? [Histogram(query, from, to)] : [Page(query), Count(query)], ct);
            var ours = new Timings(measured);
            var target = c.IsSearch ? SearchTargetMs : TargetMs;
            figures.Add(new Figure(
                $"{c.Name} ({matches})",
                $"p50 {Timings.Ms(ours.P50)} / p95 {Timings.Ms(ours.P95)}",
                $"floor p50 {Timings.Ms(floor.P50)} / p95 {Timings.Ms(floor.P95)}",
                ours.P95 / Math.Max(floor.P95, 0.5),
                $"p95 < {target:0} ms",
                ours.P95 < target));
        }

        return figures;
    }

    /// <summary>The shell's time for the statements one call runs (page and count are two), per run.</summary>
    internal static async Task<Timings> FloorAsync(string path, string[] statements, CancellationToken ct)
    {
        // The search index is a file of its own beside the database, attached as the portal attaches it.
        var attach = $"ATTACH DATABASE '{new DatabaseOptions { Path = path }.SearchIndexPath.Replace("'", "''")}' AS {SearchIndexFile.Schema};\n";
        var times = await SqliteShell.TimeAsync(path, attach + SqliteShell.Repeat(statements, Runs), readOnly: true, ct);
        return new Timings(times.Chunk(statements.Length).Select(run => run.Sum()));
    }

    internal static string Page(AuditQuery query) => Sql(command => AuditEventReader.PreparePage(command, query));

    internal static string Count(AuditQuery query) => Sql(command => AuditEventReader.PrepareCount(command, query));

    private static string Histogram(AuditQuery query, DateTime from, DateTime to) =>
        Sql(command => AuditEventReader.PrepareHistogram(command, query, from, to));

    private static string Sql(Action<SqliteCommand> prepare)
    {
        using var command = new SqliteCommand();
        prepare(command);
        return SqliteShell.Inline(command);
    }
}
