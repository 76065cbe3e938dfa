using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.ApiTokens;

/// <summary>Its owner revokes a token, and so does any Admin; from then on it authenticates nothing.</summary>
public sealed class RevokeApiToken(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions, ApiTokenAuditTrail audit, TimeProvider clock)
{
    public async Task<Result> HandleAsync(ClaimsPrincipal actor, int id, CancellationToken ct = default)
    {
        var user = await sessions.EnsureInRoleAsync(actor, PortalRoles.All, ApiTokenRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        // Someone else's token is as unknown to a non-Admin as one that does not exist: ids are not to be probed.
        if (token is null || (token.UserId != user.Id && !user.IsInRole(PortalRoles.Admin)))
        {
            return Result.NotFound(ApiTokenRules.NotFound);
        }

        if (token.RevokedAtUtc is null)
        {
            token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            token.RevokedBy = user.Email;
            await db.SaveChangesAsync(ct);
            var owner = token.UserId is null ? null : await db.Users.Where(u => u.Id == token.UserId).Select(u => u.Email).FirstOrDefaultAsync(ct);
            await audit.RevokedAsync(user.Email ?? "", token, owner, ct);
        }

        return Result.Success;
    }
}
