using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger;

/// <summary>
/// What the explorer and the entity pages read of the matches, for Admins and Auditors: the display names of a page of
/// events, the events of one identity across her accounts, and how many events' actors matched nothing.
/// </summary>
public sealed class LedgerQueries(UserSessions sessions, IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    /// <summary>The matches of these events (row ids, as the explorer's page holds them), actor and targets.</summary>
    public async Task<IReadOnlyList<EventMatch>> MatchesOfEventsAsync(ClaimsPrincipal actor, IReadOnlyCollection<long> eventIds, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        if (eventIds.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var matches = new List<EventMatch>();
        // In chunks: SQLite takes at most 32,766 parameters, and a page is far smaller anyway.
        foreach (var chunk in eventIds.Distinct().Chunk(1000))
        {
            matches.AddRange(await db.LedgerMatches.AsNoTracking().Where(m => chunk.Contains(m.EventId))
                .Select(m => new EventMatch(m.EventId, m.Slot, m.EntityKind, m.EntityId, m.IdentityId, m.DisplayName, m.PolicyId, m.RuleId))
                .ToListAsync(ct));
        }

        return [.. matches.OrderBy(m => m.EventId).ThenBy(m => m.Slot)];
    }

    /// <summary>
    /// The row ids of the events whose actor or a target was matched to this identity, or to an account she owned at the
    /// event's time, newest first ("every event of Jane Doe, across her accounts").
    /// </summary>
    public async Task<IReadOnlyList<long>> EventIdsOfIdentityAsync(ClaimsPrincipal actor, long identityId, DateTime? fromUtc, DateTime? toUtc, int take = 1000,
        CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var from = fromUtc ?? DateTime.UnixEpoch;
        var to = toUtc ?? LedgerVersion.Open;
        return await db.LedgerMatches.AsNoTracking()
            .Where(m => m.IdentityId == identityId && m.EventTimeUtc >= from && m.EventTimeUtc < to)
            // Distinct first: an event whose actor and target are both hers counts once.
            .Select(m => new { m.EventId, m.EventTimeUtc }).Distinct()
            .OrderByDescending(m => m.EventTimeUtc).ThenByDescending(m => m.EventId)
            .Take(Math.Clamp(take, 1, 100_000)).Select(m => m.EventId).ToListAsync(ct);
    }

    /// <summary>The events of the range whose actor matched nothing (no policy ran over them, or none of its rules matched).</summary>
    public async Task<long> CountUnmatchedActorsAsync(ClaimsPrincipal actor, DateTime? fromUtc, DateTime? toUtc, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var from = fromUtc ?? DateTime.UnixEpoch;
        var to = toUtc ?? LedgerVersion.Open;
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.EventTimeUtc >= from && e.EventTimeUtc < to)
            .LongCountAsync(e => !db.LedgerMatches.Any(m => m.EventId == e.Id && m.Slot == LedgerMatch.ActorSlot), ct);
    }

    /// <summary>An entity as it was at <paramref name="asOfUtc"/> (now by the portal's clock when null), or its last version when it had ended by then.</summary>
    public async Task<LedgerEntityView?> EntityAsync(ClaimsPrincipal actor, long entityId, DateTime? asOfUtc = null, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var at = asOfUtc ?? clock.GetUtcNow().UtcDateTime;
        var versions = await db.LedgerVersions.AsNoTracking().Where(v => v.EntityId == entityId).OrderBy(v => v.ValidFromUtc).ToListAsync(ct);
        if (versions.Count == 0)
        {
            return null;
        }

        var version = versions.LastOrDefault(v => v.ValidFromUtc <= at && at < v.ValidToUtc) ?? versions[^1];
        var accounts = version.Kind == LedgerKind.Identity
            ? await db.LedgerVersions.AsNoTracking()
                .Where(a => a.OwnerId == entityId && a.Kind == LedgerKind.Account && a.ValidFromUtc <= at && at < a.ValidToUtc)
                .OrderBy(a => a.Parent).ThenBy(a => a.Key).ToListAsync(ct)
            : [];
        var accountIds = version.Kind == LedgerKind.Identity ? accounts.Select(a => a.EntityId).ToList() : [entityId];
        var groupIds = await db.LedgerGroupMembers.AsNoTracking()
            .Where(m => accountIds.Contains(m.AccountId) && m.ValidFromUtc <= at && at < m.ValidToUtc).Select(m => m.GroupId).Distinct().ToListAsync(ct);
        var groups = await db.LedgerVersions.AsNoTracking()
            .Where(g => groupIds.Contains(g.EntityId) && g.ValidFromUtc <= at && at < g.ValidToUtc).OrderBy(g => g.Name).ToListAsync(ct);
        return new LedgerEntityView(version, versions, accounts, groups);
    }
}
