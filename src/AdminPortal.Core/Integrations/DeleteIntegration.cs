using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations.Events;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// Deletes an integration; its linked exports are deleted (checkbox ticked) or paused (<see cref="IntegrationDeleted"/>)
/// in the same save, so a failure leaves the integration and its exports as they were.
/// </summary>
public sealed class DeleteIntegration(
    IDbContextFactory<PortalDbContext> dbFactory,
    UserSessions sessions,
    IntegrationEvents events,
    IntegrationAuditTrail trail,
    ILogger<DeleteIntegration> logger)
{
    public async Task<Result> HandleAsync(ClaimsPrincipal actor, Guid id, bool deleteLinkedExports = false, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return Result.NotFound("That integration no longer exists.");
        }

        var admin = actor.ActorName();
        var deleted = new IntegrationDeleted(i.Id, i.Name, deleteLinkedExports, admin);
        var staged = await events.StageAsync(deleted, db, ct);
        db.StorageIntegrations.Remove(i);
        if (await IntegrationSave.SaveOnceAsync(db, logger, "deleted", i.Name, ct) is { } failure)
        {
            return Result.Fail("", failure);
        }

        await staged.AfterCommitAsync(ct);
        var outcome = deleteLinkedExports ? "deleted" : "paused";
        await trail.AuditAsync(admin, "IntegrationDeleted", "Storage integration deleted", "delete", i,
            IntegrationAuditTrail.LinkedCount(staged.Changed, outcome), ct, oldValue: i.DisplayDestination);
        await trail.ConfirmAsync(admin, "Integration deleted",
            $"{deleted.Reason} Its destination was {i.DisplayDestination}.{IntegrationAuditTrail.LinkedSentence(staged.Changed, outcome)}", ct);
        return Result.Success;
    }
}
