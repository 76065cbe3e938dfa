using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.ApiTokens;

/// <summary>Any signed-in user creates a token of their own, with scopes their role may hold; the secret is returned once.</summary>
public sealed class CreateApiToken(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions, ApiTokenAuditTrail audit, TimeProvider clock)
{
    public async Task<Result<CreatedApiToken>> HandleAsync(ClaimsPrincipal actor, CreateApiTokenCommand command, CancellationToken ct = default)
    {
        var user = await sessions.EnsureInRoleAsync(actor, PortalRoles.All, ApiTokenRules.ManageAction, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var name = command.Name?.Trim() ?? "";
        var scopes = (command.Scopes ?? []).Select(s => s?.Trim() ?? "").Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var errors = Validate(user, name, scopes, command.ExpiresAtUtc, now).ToList();
        if (errors.Count > 0)
        {
            return Result<CreatedApiToken>.Fail(errors);
        }

        var secret = ApiTokenSecret.New();
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = name,
            Prefix = ApiTokenSecret.PrefixOf(secret),
            Hash = ApiTokenSecret.Hash(secret),
            Scopes = ApiScopes.Format(scopes),
            CreatedAtUtc = now,
            CreatedBy = user.Email ?? "",
            ExpiresAtUtc = command.ExpiresAtUtc is { } expires ? ApiTokenRules.AsUtc(expires) : null,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await audit.CreatedAsync(user.Email ?? "", token, user.Email, ct);
        return Result.Ok(new CreatedApiToken(token.Id, token.Name, token.Prefix, token.ScopeList, token.ExpiresAtUtc, secret));
    }

    private static IEnumerable<(string Field, string Message)> Validate(SessionUser user, string name, List<string> scopes, DateTime? expiresAtUtc, DateTime now)
    {
        if (name.Length == 0)
        {
            yield return (nameof(CreateApiTokenCommand.Name), "Name the token after what will use it, e.g. \"snowflake-prod\" or \"export-script\".");
        }
        else if (name.Length > ApiTokenRules.MaxNameLength)
        {
            yield return (nameof(CreateApiTokenCommand.Name), $"A token name has at most {ApiTokenRules.MaxNameLength} characters.");
        }

        if (scopes.Count == 0)
        {
            yield return (nameof(CreateApiTokenCommand.Scopes), "Choose at least one scope.");
        }

        var allowed = ApiScopes.AllowedFor(user.Roles);
        foreach (var scope in scopes)
        {
            if (!ApiScopes.IsKnown(scope))
            {
                yield return (nameof(CreateApiTokenCommand.Scopes), $"Unknown scope \"{scope}\": the scopes are {string.Join(", ", ApiScopes.All)}.");
            }
            else if (!allowed.Contains(scope))
            {
                var role = user.Roles.FirstOrDefault() ?? "user without a role";
                yield return (nameof(CreateApiTokenCommand.Scopes),
                    $"An {role} may not hold the scope {scope}: {(allowed.Count == 0 ? "no scope is" : string.Join(", ", allowed) + " are")} allowed.");
            }
        }

        if (expiresAtUtc is { } expires)
        {
            var utc = ApiTokenRules.AsUtc(expires);
            if (utc <= now)
            {
                yield return (nameof(CreateApiTokenCommand.ExpiresAtUtc), "The expiry date is in the past: choose a date in the future, or never.");
            }
            else if (utc - now > ApiTokenRules.MaxLifetime)
            {
                yield return (nameof(CreateApiTokenCommand.ExpiresAtUtc), "A token expires at most a year from now, or never.");
            }
        }
    }
}
