using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.ApiTokens;

/// <summary>A user's own tokens; an Admin may ask for everyone's.</summary>
public sealed class ListApiTokens(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IReadOnlyList<ApiTokenSummary>> HandleAsync(ClaimsPrincipal actor, bool everyone = false, CancellationToken ct = default)
    {
        var user = await sessions.EnsureInRoleAsync(actor, PortalRoles.All, ApiTokenRules.ManageAction, ct);
        if (everyone && !user.IsInRole(PortalRoles.Admin))
        {
            throw new UnauthorizedAccessException("Only an Admin may see everyone's API tokens.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from token in db.ApiTokens.AsNoTracking()
            where everyone || token.UserId == user.Id
            join owner in db.Users on token.UserId equals owner.Id into owners
            from owner in owners.DefaultIfEmpty()
            select new { token, OwnerEmail = owner == null ? null : owner.Email }).ToListAsync(ct);
        return rows
            .OrderBy(r => r.token.RevokedAtUtc != null).ThenBy(r => r.OwnerEmail).ThenBy(r => r.token.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new ApiTokenSummary(r.token.Id, r.token.Name, r.token.Prefix, r.token.ScopeList, r.token.UserId, r.OwnerEmail,
                r.token.CreatedAtUtc, r.token.CreatedBy, r.token.ExpiresAtUtc, r.token.LastUsedAtUtc, r.token.RevokedAtUtc, r.token.RevokedBy))
            .ToList();
    }
}
