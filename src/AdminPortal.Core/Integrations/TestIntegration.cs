using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>Test connection: writes, reads back and deletes a probe object, and stores SUCCESS or the cloud's error.</summary>
public sealed class TestIntegration(
    IDbContextFactory<PortalDbContext> dbFactory,
    UserSessions sessions,
    IntegrationConnector connector,
    IntegrationAuditTrail trail)
{
    public async Task<Result<IntegrationSummary>> HandleAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return Result<IntegrationSummary>.NotFound("That integration no longer exists.");
        }

        var result = await connector.RetestAsync(i, ct);
        await db.SaveChangesAsync(ct);
        await trail.AuditAsync(actor.ActorName(), "IntegrationTested", "Storage integration tested", "test", i,
            $"test: {i.LastTestStatus}", ct, result.Success);
        return Result.Ok(IntegrationSummary.Of(i));
    }
}
