using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// Tokens for the ingestion API: an Admin creates one (shown once), the API checks it, an Admin revokes it.
/// Only the SHA-256 of a token is stored: tokens are 256 random bits, so a plain hash cannot be reversed.
/// </summary>
public sealed class IngestionTokenService(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions, PortalAuditLog audit, TimeProvider clock)
{
    public const string TokenPrefix = "apt_";

    public async Task<Result<string>> CreateAsync(ClaimsPrincipal actor, string? name, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "manage ingestion tokens", ct);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Result<string>.Fail("Name", "Name the token after the system that will send events, e.g. \"snowflake-prod\".");
        }

        if (name.Length > 100)
        {
            return Result<string>.Fail("Name", "A token name has at most 100 characters.");
        }

        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.IngestionTokens.Add(new IngestionToken
        {
            Name = name,
            Prefix = token[..(TokenPrefix.Length + 6)],
            Hash = Hash(token),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.ActorName(),
        });
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(new PortalAuditEntry(nameof(SecurityEventKind.IngestionTokenCreated), "Ingestion token created", "create", "security",
            actor.ActorName(), true, AuditTargetType.Application, name), ct);
        return Result.Ok(token);
    }

    public async Task<IReadOnlyList<IngestionTokenSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "manage ingestion tokens", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.IngestionTokens.AsNoTracking()
            .OrderBy(t => t.RevokedAtUtc != null).ThenBy(t => t.Name)
            .Select(t => new IngestionTokenSummary(t.Id, t.Name, t.Prefix, t.CreatedAtUtc, t.CreatedBy, t.LastUsedAtUtc, t.RevokedAtUtc))
            .ToListAsync(ct);
    }

    public async Task<Result> RevokeAsync(ClaimsPrincipal actor, int id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "manage ingestion tokens", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.IngestionTokens.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (token is null)
        {
            return Result.Fail("", "That token no longer exists.");
        }

        if (token.RevokedAtUtc is null)
        {
            token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
            token.RevokedBy = actor.ActorName();
            await db.SaveChangesAsync(ct);
            await audit.WriteAsync(new PortalAuditEntry(nameof(SecurityEventKind.IngestionTokenRevoked), "Ingestion token revoked", "revoke", "security",
                actor.ActorName(), true, AuditTargetType.Application, token.Name), ct);
        }

        return Result.Success;
    }

    /// <summary>The live token this secret belongs to, or null (unknown, malformed or revoked).</summary>
    public async Task<IngestionToken?> ValidateAsync(string? presented, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(presented) || !presented.StartsWith(TokenPrefix, StringComparison.Ordinal) || presented.Length > 100)
        {
            return null;
        }

        var hash = Hash(presented);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.IngestionTokens.FirstOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || token.RevokedAtUtc is not null)
        {
            return null;
        }

        // Last use is informative: written at most once a minute, so a busy sender does not write per request.
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAtUtc is null || now - token.LastUsedAtUtc > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAtUtc = now;
            await db.SaveChangesAsync(ct);
        }

        return token;
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
