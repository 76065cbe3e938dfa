using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>The matching policies with their rules in order, for Admins and Auditors (a collection names one).</summary>
public sealed class ListMatchingPolicies(UserSessions sessions, IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<IReadOnlyList<MatchingPolicy>> HandleAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policies = await db.MatchingPolicies.AsNoTracking().Include(p => p.Rules).OrderBy(p => p.Name).ToListAsync(ct);
        foreach (var policy in policies)
        {
            policy.Rules.Sort((a, b) => a.Position.CompareTo(b.Position));
        }

        return policies;
    }
}
