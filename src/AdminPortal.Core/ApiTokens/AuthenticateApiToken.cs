using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.ApiTokens;

/// <summary>
/// Checks a presented token: known, not revoked, not expired, its user still enabled; its scopes are cut to what the
/// user's role allows now, so a demoted Admin's token loses admin and audit:ingest at once.
/// </summary>
public sealed class AuthenticateApiToken(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <summary>Last use is informative: written at most once a minute, so a busy sender does not write per request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<ApiTokenAuthentication> HandleAsync(string? presented, CancellationToken ct = default)
    {
        if (!ApiTokenSecret.IsWellFormed(presented))
        {
            return ApiTokenAuthentication.Refused(ApiTokenRejection.Unknown);
        }

        var hash = ApiTokenSecret.Hash(presented!);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await (
            from t in db.ApiTokens.AsNoTracking()
            where t.Hash == hash
            join u in db.Users on t.UserId equals u.Id into owners
            from u in owners.DefaultIfEmpty()
            select new { Token = t, UserName = u == null ? null : u.UserName }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (row is null)
        {
            return ApiTokenAuthentication.Refused(ApiTokenRejection.Unknown);
        }

        var token = row.Token;

        if (token.RevokedAtUtc is not null)
        {
            return ApiTokenAuthentication.Refused(ApiTokenRejection.Revoked);
        }

        if (token.ExpiresAtUtc <= now)
        {
            return ApiTokenAuthentication.Refused(ApiTokenRejection.Expired);
        }

        SessionUser? user = null;
        IReadOnlyList<string> allowed = [ApiScopes.AuditIngest];
        if (token.UserId is not null)
        {
            // The same check as a cookie's (without a security stamp, which a token does not carry): exists and enabled.
            var claims = identity.Value.ClaimsIdentity;
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(claims.UserIdClaimType, token.UserId), new Claim(claims.UserNameClaimType, row.UserName ?? "")], "ApiToken"));
            user = await sessions.FindAsync(principal, ct);
            if (user is null)
            {
                return ApiTokenAuthentication.Refused(ApiTokenRejection.UserDisabled);
            }

            allowed = ApiScopes.AllowedFor(user.Roles);
        }

        if (token.LastUsedAtUtc is null || now - token.LastUsedAtUtc > LastUsedResolution)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), ct);
        }

        var scopes = token.ScopeList.Where(allowed.Contains).ToList();
        return new ApiTokenAuthentication(token.Id, token.Name, user, scopes, null);
    }

    /// <summary>What the API answers a refused token with; never the token itself.</summary>
    public static string Describe(ApiTokenRejection rejection) => rejection switch
    {
        ApiTokenRejection.Revoked => "The token has been revoked.",
        ApiTokenRejection.Expired => "The token has expired.",
        ApiTokenRejection.UserDisabled => "The token's user is disabled or no longer exists.",
        _ => "The token is unknown.",
    };
}
