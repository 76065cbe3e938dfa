using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>Names and status only, for Admins and Auditors choosing an export's destination.</summary>
public sealed class ListIntegrationNames(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IReadOnlyList<IntegrationName>> HandleAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureInRoleAsync(actor, [PortalRoles.Admin, PortalRoles.Auditor], "see storage integrations", ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StorageIntegrations.AsNoTracking().OrderBy(i => i.Name)
            .Select(i => new IntegrationName(i.Id, i.Name, i.Cloud, i.LastTestStatus)).ToListAsync(ct);
    }
}
