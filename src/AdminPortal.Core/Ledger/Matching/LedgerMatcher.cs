using System.Diagnostics;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// Runs a policy over a time range of events, in one transaction: the range's matches are deleted, then each rule's
/// statements (<see cref="MatchingSql"/>) insert the matches of what earlier rules left unmatched. Running it again
/// over the same range gives the same rows. No authorization here: <see cref="RunMatchingPolicy"/> and the collection
/// that names a policy check the actor first.
/// </summary>
public sealed class LedgerMatcher(IDbContextFactory<PortalDbContext> contexts, AuditWriteGate gate, ILogger<LedgerMatcher> logger)
{
    /// <summary>The policy named, with its rules in order; null when there is none of that name.</summary>
    public async Task<MatchingPolicy?> FindPolicyAsync(string name, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policy = await db.MatchingPolicies.AsNoTracking().Include(p => p.Rules).FirstOrDefaultAsync(p => p.Name == name, ct);
        policy?.Rules.Sort((a, b) => a.Position.CompareTo(b.Position));
        return policy;
    }

    public async Task<MatchingRunReport> RunAsync(MatchingPolicy policy, DateTime? fromUtc, DateTime? toUtc, CancellationToken ct = default)
    {
        var from = fromUtc ?? DateTime.UnixEpoch;
        var to = toUtc ?? LedgerVersion.Open;
        var watch = Stopwatch.StartNew();
        // The run writes for as long as it joins: on SQLite ingestion waits at the gate, not on the file's lock.
        using var _ = await gate.EnterAsync(ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sql = new MatchingSql(db.Database.IsNpgsql());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();
        (string, object?)[] range = [("@from", LedgerCommands.Ms(from)), ("@to", LedgerCommands.Ms(to))];
        await connection.ExecuteAsync(dbTransaction, MatchingSql.DeleteRange, ct, range);
        foreach (var rule in policy.Rules.OrderBy(r => r.Position))
        {
            foreach (var (statement, parameters) in sql.Statements(rule))
            {
                await connection.ExecuteAsync(dbTransaction, statement, ct,
                    [.. range, ("@policy", policy.Id), ("@rule", rule.Id), .. parameters]);
            }
        }

        await using var count = connection.Command(dbTransaction,
            """
            SELECT (SELECT count(*) FROM "AuditEvents" WHERE "EventTimeUtc" >= @from AND "EventTimeUtc" < @to),
                (SELECT count(*) FROM "LedgerMatches" WHERE "EventTimeUtc" >= @from AND "EventTimeUtc" < @to AND "Slot" = 0),
                (SELECT count(*) FROM "LedgerMatches" WHERE "EventTimeUtc" >= @from AND "EventTimeUtc" < @to AND "Slot" > 0)
            """, range);
        long events, actors, targets;
        await using (var reader = await count.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (events, actors, targets) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        await transaction.CommitAsync(ct);
        var report = new MatchingRunReport(policy.Name, from, to, events, actors, targets, watch.Elapsed);
        logger.LogInformation("Matching policy {Policy} ran over {From} to {To}: {Events} events, {Actors} actors and {Targets} targets matched in {Elapsed}",
            policy.Name, from, to, events, actors, targets, watch.Elapsed);
        return report;
    }
}
