using System.Security.Claims;
using AdminPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Users;

/// <summary>
/// The database's word on a signed-in user, asked on every request, before every circuit action and by every admin use
/// case: a session holds while its user exists, is enabled and keeps the security stamp it signed in with. Sign-out, a
/// role change, disabling and a password change replace the stamp, so a cookie or an open page of before is worth nothing.
/// </summary>
public sealed class UserSessions(IDbContextFactory<PortalDbContext> dbFactory, IOptions<IdentityOptions> identity)
{
    /// <summary>True while the session of <paramref name="principal"/> holds (one primary-key read).</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FindUserIdAsync(db, principal, ct) is not null;
    }

    /// <summary>The user behind a current session with its roles as stored now; null when the session has ended.</summary>
    public async Task<SessionUser?> FindAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var id = await FindUserIdAsync(db, principal, ct);
        if (id is null)
        {
            return null;
        }

        var roles = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where userRole.UserId == id
            select role.Name).ToListAsync(ct);
        return new SessionUser(id, principal.Identity?.Name, roles.OfType<string>().ToList());
    }

    /// <summary>Refuses unless the actor is an Admin now, in the database (see <see cref="EnsureInRoleAsync"/>).</summary>
    public Task<SessionUser> EnsureAdminAsync(ClaimsPrincipal actor, string action, CancellationToken ct = default) =>
        EnsureInRoleAsync(actor, [PortalRoles.Admin], action, ct);

    /// <summary>Refuses unless the actor is an Admin or an Auditor now: everyone who reads audit logs, workbooks and exports.</summary>
    public Task<SessionUser> EnsureAuditLogReaderAsync(ClaimsPrincipal actor, CancellationToken ct = default) =>
        EnsureInRoleAsync(actor, PortalRoles.All, "read audit logs", ct);

    /// <summary>
    /// The one authorization check of the use cases: refuses unless the actor holds one of <paramref name="roles"/> now,
    /// in the database. The role a page was opened with may have been taken away since (a circuit keeps the principal it
    /// started with), so the principal's own role claims are never the answer.
    /// </summary>
    public async Task<SessionUser> EnsureInRoleAsync(ClaimsPrincipal actor, IReadOnlyList<string> roles, string action, CancellationToken ct = default)
    {
        var user = await FindAsync(actor, ct);
        if (user is null || !roles.Any(user.IsInRole))
        {
            var who = roles.Count == 1 ? $"an {roles[0]}" : string.Join(" and ", roles.Select(r => r + "s"));
            throw new UnauthorizedAccessException($"Only {who} may {action}.");
        }

        return user;
    }

    private async Task<string?> FindUserIdAsync(PortalDbContext db, ClaimsPrincipal principal, CancellationToken ct)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var claims = identity.Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var users = db.Users.AsNoTracking();
        if (id is not null)
        {
            users = users.Where(u => u.Id == id);
        }
        else if (principal.FindFirstValue(claims.UserNameClaimType) is { Length: > 0 } name)
        {
            // Principals the portal builds itself (jobs, tools) name their user only; Identity stores names upper-cased.
            var normalized = name.ToUpperInvariant();
            users = users.Where(u => u.NormalizedUserName == normalized);
        }
        else
        {
            return null;
        }

        var row = await users.Select(u => new { u.Id, u.SecurityStamp, u.IsDisabled }).FirstOrDefaultAsync(ct);
        if (row is null || row.IsDisabled)
        {
            return null;
        }

        // Every cookie carries the stamp it was issued with; a principal without one was never a cookie's.
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        return stamp is null || stamp == row.SecurityStamp ? row.Id : null;
    }
}
