using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>What Edit Destination and Delete start from: the integration and its destination as stored.</summary>
public sealed class GetIntegrationForEdit(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IntegrationEditView?> HandleAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return i is null ? null : new IntegrationEditView(IntegrationSummary.Of(i), IntegrationRules.DestinationOf(i));
    }
}
