using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger;

/// <summary>The current entities whose key or name starts with the text typed (ignoring case), for the ledger page's search.</summary>
public sealed class FindLedgerEntities(UserSessions sessions, IDbContextFactory<PortalDbContext> contexts)
{
    public async Task<IReadOnlyList<LedgerVersion>> HandleAsync(ClaimsPrincipal actor, string? text, LedgerKind? kind, int take = 20,
        CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(actor, ct);
        var folded = text?.Trim().ToLowerInvariant() ?? "";
        if (folded.Length == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var versions = db.LedgerVersions.AsNoTracking().Where(v => v.ValidToUtc == LedgerVersion.Open
            && (v.NameFolded.StartsWith(folded) || v.KeyFolded.StartsWith(folded) || (v.EmailFolded != null && v.EmailFolded.StartsWith(folded))));
        if (kind is { } only)
        {
            versions = versions.Where(v => v.Kind == only);
        }

        return await versions.OrderBy(v => v.Kind).ThenBy(v => v.Name).Take(Math.Clamp(take, 1, 100)).ToListAsync(ct);
    }
}
