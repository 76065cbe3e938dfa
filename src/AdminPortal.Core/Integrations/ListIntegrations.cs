using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>The integrations as the Audit Logging settings list them (Admins).</summary>
public sealed class ListIntegrations(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IReadOnlyList<IntegrationSummary>> HandleAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StorageIntegrations.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        return rows.Select(IntegrationSummary.Of).ToList();
    }
}
