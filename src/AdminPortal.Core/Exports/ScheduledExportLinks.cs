using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports;

/// <summary>The scheduled exports of an integration, as Edit Destination and Delete of the integration act on them.</summary>
internal sealed class ScheduledExportLinks(IDbContextFactory<PortalDbContext> dbFactory, PortalAuditLog audit, TimeProvider clock) : ILinkedExports
{
    private const string Actor = "adminportal";

    public async Task<IReadOnlyList<string>> ListAsync(Guid integrationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ScheduledExports.AsNoTracking().Where(s => s.IntegrationId == integrationId).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
    }

    public Task<IReadOnlyList<string>> PauseAsync(Guid integrationId, string reason, CancellationToken ct) =>
        EachAsync(integrationId, "ExportSchedulePaused", "Export schedule paused", "pause", reason, (db, s) =>
        {
            s.Paused = true;
            s.PauseReason = reason + " Re-point the export (edit it) or resume it once the destination is right.";
        }, ct);

    /// <summary>Object names are relative to the integration's prefix, so the exports follow the new destination as they are.</summary>
    public Task<IReadOnlyList<string>> RepointAsync(Guid integrationId, string reason, CancellationToken ct) =>
        EachAsync(integrationId, "ExportScheduleRepointed", "Export schedule re-pointed", "update", reason, (db, s) => { }, ct);

    public Task<IReadOnlyList<string>> DeleteAsync(Guid integrationId, string reason, CancellationToken ct) =>
        EachAsync(integrationId, "ExportScheduleDeleted", "Export schedule deleted", "delete", reason, (db, s) => db.ScheduledExports.Remove(s), ct);

    private async Task<IReadOnlyList<string>> EachAsync(Guid integrationId, string code, string label, string action, string reason,
        Action<PortalDbContext, ScheduledExport> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedules = await db.ScheduledExports.Where(s => s.IntegrationId == integrationId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var schedule in schedules)
        {
            change(db, schedule);
            schedule.UpdatedAtUtc = now;
        }

        await db.SaveChangesAsync(ct);
        foreach (var schedule in schedules)
        {
            await audit.WriteAsync(new PortalAuditEntry(code, label, action, "exports", Actor, true, AuditTargetType.Asset, schedule.Name, Details: reason), ct);
        }

        return schedules.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
    }
}
