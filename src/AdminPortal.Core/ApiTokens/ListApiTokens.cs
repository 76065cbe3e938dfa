using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.ApiTokens;

/// <summary>A user's own tokens; an Admin may ask for everyone's.</summary>
public sealed class ListApiTokens(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IReadOnlyList<ApiTokenSummary>> HandleAsync(ClaimsPrincipal actor, bool everyone = false, CancellationToken ct = default)
    {
        var user = await EnsureMayListAsync(actor, everyone, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Visible(db, user, everyone).ToListAsync(ct);
        return rows
            .OrderBy(r => r.Token.RevokedAtUtc != null).ThenBy(r => r.OwnerEmail).ThenBy(r => r.Token.Name, StringComparer.OrdinalIgnoreCase)
            .Select(Summary)
            .ToList();
    }

    /// <summary>
    /// A page of the tokens, sorted by the database; unsorted, the active ones first, then by owner and name
    /// (the order <see cref="HandleAsync"/> gives).
    /// </summary>
    public async Task<ListPage<ApiTokenSummary>> PageAsync(ClaimsPrincipal actor, bool everyone, ListQuery query, CancellationToken ct = default)
    {
        var user = await EnsureMayListAsync(actor, everyone, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = Visible(db, user, everyone);
        var sorted = query.SortBy switch
        {
            nameof(ApiTokenSummary.Name) => query.Order(visible, r => r.Token.Name.ToLower()),
            nameof(ApiTokenSummary.OwnerEmail) => query.Order(visible, r => r.OwnerEmail),
            nameof(ApiTokenSummary.CreatedAtUtc) => query.Order(visible, r => r.Token.CreatedAtUtc),
            nameof(ApiTokenSummary.ExpiresAtUtc) => query.Order(visible, r => r.Token.ExpiresAtUtc),
            nameof(ApiTokenSummary.LastUsedAtUtc) => query.Order(visible, r => r.Token.LastUsedAtUtc),
            _ => visible.OrderBy(r => r.Token.RevokedAtUtc != null).ThenBy(r => r.OwnerEmail).ThenBy(r => r.Token.Name.ToLower()),
        };
        var rows = await sorted.ThenBy(r => r.Token.Id).Skip(query.SafeSkip).Take(query.SafeTake).ToListAsync(ct);
        return new ListPage<ApiTokenSummary>(rows.Select(Summary).ToList(), await visible.CountAsync(ct));
    }

    private async Task<SessionUser> EnsureMayListAsync(ClaimsPrincipal actor, bool everyone, CancellationToken ct)
    {
        var user = await sessions.EnsureInRoleAsync(actor, PortalRoles.All, ApiTokenRules.ManageAction, ct);
        if (everyone && !user.IsInRole(PortalRoles.Admin))
        {
            throw new UnauthorizedAccessException("Only an Admin may see everyone's API tokens.");
        }

        return user;
    }

    private static IQueryable<ApiTokenRow> Visible(PortalDbContext db, SessionUser user, bool everyone) =>
        from token in db.ApiTokens.AsNoTracking()
        where everyone || token.UserId == user.Id
        join owner in db.Users on token.UserId equals owner.Id into owners
        from owner in owners.DefaultIfEmpty()
        select new ApiTokenRow { Token = token, OwnerEmail = owner == null ? null : owner.Email };

    private static ApiTokenSummary Summary(ApiTokenRow r) =>
        new(r.Token.Id, r.Token.Name, r.Token.Prefix, r.Token.ScopeList, r.Token.UserId, r.OwnerEmail,
            r.Token.CreatedAtUtc, r.Token.CreatedBy, r.Token.ExpiresAtUtc, r.Token.LastUsedAtUtc, r.Token.RevokedAtUtc, r.Token.RevokedBy);
}
