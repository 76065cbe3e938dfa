using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Matching;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Benchmarks;

/// <summary>
/// The ledger figure: a matching run of 1,000,000 events against 100,000 identities and 300,000 accounts (a tenth of
/// them with a second version: their owner changed mid-month) through <see cref="LedgerMatcher"/>, against the same
/// statements (<see cref="MatchingSql"/>, parameters written as literals) timed by the sqlite3 shell in one
/// transaction on the same file: the floor. The policy is a realistic one: actor by exact login + repository, then
/// ignoring case (a fifth of the logins are upper-cased), then the target as an account; display the owner's full name.
/// </summary>
internal static partial class LedgerBenchmark
{
    public const int Events = 1_000_000;
    public const int Identities = 100_000;
    public const int Accounts = 300_000;
    public const double TargetSeconds = 60;

    private static readonly DateTime From = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = From.AddDays(30);

    public static async Task<IReadOnlyList<Figure>> RunAsync(BenchOptions options, CancellationToken ct)
    {
        var path = options.Scratch("ledger.db");
        Console.WriteLine($"[ledger] generating {Events:N0} events, {Identities:N0} identities and {Accounts:N0} accounts into {path}...");
        var watch = Stopwatch.StartNew();
        await using var database = await PortalDatabase.CreateAsync(path, ct);
        await FillAsync(path, ct);
        var policy = await SavePolicyAsync(database, ct);
        Console.WriteLine($"[ledger] generated in {watch.Elapsed.TotalSeconds:0} s");

        var matcher = database.Get<LedgerMatcher>();
        var shell = new List<double>();
        var ours = new List<double>();
        MatchingRunReport? report = null;
        // Alternating, twice each: the second of each sees the cache as the first left it.
        for (var i = 0; i < 2; i++)
        {
            var times = await SqliteShell.TimeAsync(path, Script(policy), readOnly: false, ct);
            shell.Add(times.Sum());
            Console.WriteLine($"[ledger] sqlite3 shell: {times.Sum() / 1000:0.0} s");
            report = await matcher.RunAsync(policy, From, To, ct);
            ours.Add(report.Elapsed.TotalMilliseconds);
            Console.WriteLine($"[ledger] LedgerMatcher: {report.Elapsed.TotalSeconds:0.0} s ({report.ActorsMatched:N0} actors, {report.TargetsMatched:N0} targets matched)");
        }

        var measured = ours.Min() / 1000;
        var floor = shell.Min() / 1000;
        var figures = new List<Figure>();
        figures.Add(new Figure(
            $"ledger matching, {Events / 1e6:0}M events x {Identities / 1000}k identities + {Accounts / 1000}k accounts",
            $"{measured:0.0} s ({Events / measured:N0} events/s)",
            $"sqlite3 shell {floor:0.0} s",
            measured / Math.Max(floor, 0.001),
            $"< {TargetSeconds:0} s",
            measured < TargetSeconds,
            $"{report!.ActorsMatched:N0} actors and {report.TargetsMatched:N0} targets of {report.Events:N0} events matched; " +
            $"{policy.Rules.Count} rules, {policy.Rules.Sum(r => new MatchingSql(false).Statements(r).Count())} statements"));
        figures.AddRange(await LedgerExplorerBenchmark.RunSqliteAsync(database, From, To, ct));
        if (LedgerImportBenchmark.PostgreSqlConnectionString is { } postgres)
        {
            figures.AddRange(await LedgerExplorerBenchmark.RunPostgreSqlAsync(postgres, From, To, ct));
        }

        return figures;
    }

    /// <summary>
    /// The ledger and the events, written by SQL in the file itself (recursive CTEs): what is timed is the matching, not
    /// the filling. Account n lives in repository n % 3 and belongs to identity n % 100,000; events pick an account by a
    /// stride over 330,000 logins, so about one in eleven names no account.
    /// </summary>
    private static async Task FillAsync(string path, CancellationToken ct)
    {
        var open = LedgerCommands.Ms(LedgerVersion.Open);
        var mid = LedgerCommands.Ms(From.AddDays(15));
        var from = LedgerCommands.Ms(From);
        const string Repository = "CASE {0} % 3 WHEN 0 THEN 'ad' WHEN 1 THEN 'sap' ELSE 'ldap' END";
        string[] statements =
        [
            $"""
            INSERT INTO "LedgerEntities" ("Id", "Kind", "Parent", "Key")
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Identities})
            SELECT i, 'Identity', '', 'E' || i FROM n
            """,
            $"""
            INSERT INTO "LedgerVersions" ("EntityId", "Kind", "Parent", "Key", "Name", "ParentFolded", "KeyFolded", "NameFolded", "Email", "EmailFolded",
                "ValidFromUtc", "ValidToUtc", "SnapshotId")
            SELECT "Id", 'Identity', '', "Key", 'Person ' || "Id", '', lower("Key"), 'person ' || "Id", 'p' || "Id" || '@corp.example',
                'p' || "Id" || '@corp.example', 0, {open}, 1
            FROM "LedgerEntities" WHERE "Kind" = 'Identity'
            """,
            $"""
            INSERT INTO "LedgerEntities" ("Id", "Kind", "Parent", "Key")
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Accounts})
            SELECT {Identities} + i, 'Account', {string.Format(CultureInfo.InvariantCulture, Repository, "i")}, 'u' || i FROM n
            """,
            // A tenth of the accounts changed owner mid-month: two versions each.
            $"""
            INSERT INTO "LedgerVersions" ("EntityId", "Kind", "Parent", "Key", "Name", "ParentFolded", "KeyFolded", "NameFolded", "OwnerId",
                "ValidFromUtc", "ValidToUtc", "SnapshotId")
            SELECT "Id", 'Account', "Parent", "Key", "Key", "Parent", lower("Key"), lower("Key"), ("Id" - {Identities}) % {Identities} + 1,
                0, CASE WHEN "Id" % 10 = 0 THEN {mid} ELSE {open} END, 2
            FROM "LedgerEntities" WHERE "Kind" = 'Account'
            """,
            $"""
            INSERT INTO "LedgerVersions" ("EntityId", "Kind", "Parent", "Key", "Name", "ParentFolded", "KeyFolded", "NameFolded", "OwnerId",
                "ValidFromUtc", "ValidToUtc", "SnapshotId")
            SELECT "Id", 'Account', "Parent", "Key", "Key", "Parent", lower("Key"), lower("Key"), ("Id" * 7) % {Identities} + 1, {mid}, {open}, 3
            FROM "LedgerEntities" WHERE "Kind" = 'Account' AND "Id" % 10 = 0
            """,
            $"""
            INSERT INTO "AuditEvents" ("EventId", "EventTimeUtc", "IngestedAtUtc", "Datasource", "Family", "Login", "Repository", "Code", "CodeLabel",
                "Action", "Count", "TargetType", "TargetName", "TargetParent")
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Events}),
                 e(i, a, t, at) AS (SELECT i, (i * 7919) % 330000 + 1, (i * 104729) % 330000 + 1, {from} + (i - 1) * 2592 FROM n)
            SELECT 'ledger-' || i, at, at, 'active-directory', 'directory',
                CASE WHEN i % 5 = 0 THEN 'U' ELSE 'u' END || a, {string.Format(CultureInfo.InvariantCulture, Repository, "a")}, '4624', 'Logon', 'logon', 1,
                CASE WHEN i % 2 = 0 THEN 'Account' END, CASE WHEN i % 2 = 0 THEN 'u' || t END,
                CASE WHEN i % 2 = 0 THEN {string.Format(CultureInfo.InvariantCulture, Repository, "t")} END
            FROM e
            """,
            "ANALYZE",
        ];
        await using var connection = new SqliteConnection(new DatabaseOptions { Path = path }.ConnectionString());
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var sql in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction;
            command.CommandText = sql;
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
    }

    internal static async Task<MatchingPolicy> SavePolicyAsync(PortalDatabase database, CancellationToken ct)
    {
        var saved = await database.Get<SaveMatchingPolicy>().HandleAsync(await database.AdminAsync(ct), new SaveMatchingPolicyCommand("benchmark", null,
        [
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Exact, DisplayMethod.IdentityFullName, CompareParent: true),
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.CaseInsensitive, DisplayMethod.IdentityFullName, CompareParent: true),
            new MatchingRuleInput(RuleEntityType.Account, RuleComparison.Exact, DisplayMethod.KeyAndParent, CompareParent: true),
        ]), ct);
        return saved.Succeeded
            ? (await database.Get<LedgerMatcher>().FindPolicyAsync("benchmark", ct))!
            : throw new InvalidOperationException("The benchmark's policy was refused: " + string.Join(" ", saved.AllMessages));
    }

    /// <summary>The run's statements for the shell, in one transaction as the matcher runs them, each timed.</summary>
    private static string Script(MatchingPolicy policy)
    {
        var sql = new MatchingSql(postgreSql: false);
        var run = new Dictionary<string, object?> { ["@from"] = LedgerCommands.Ms(From), ["@to"] = LedgerCommands.Ms(To), ["@policy"] = policy.Id };
        var script = new StringBuilder(".timer on\nBEGIN;\n").Append(Inline(MatchingSql.DeleteRange, run)).Append('\n');
        foreach (var rule in policy.Rules)
        {
            foreach (var (statement, parameters) in sql.Statements(rule))
            {
                var values = new Dictionary<string, object?>(run) { ["@rule"] = rule.Id };
                foreach (var (name, value) in parameters)
                {
                    values[name] = value;
                }

                script.Append(Inline(statement, values)).Append('\n');
            }
        }

        return script.Append("COMMIT;\n").ToString();
    }

    private static string Inline(string sql, Dictionary<string, object?> values) =>
        Parameter().Replace(sql, m => values.TryGetValue(m.Value, out var value) ? Literal(value) : m.Value) + ";";

    private static string Literal(object? value) => value switch
    {
        null => "NULL",
        string s => "'" + s.Replace("'", "''") + "'",
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"No SQL literal for {value.GetType().Name}."),
    };

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();
}
