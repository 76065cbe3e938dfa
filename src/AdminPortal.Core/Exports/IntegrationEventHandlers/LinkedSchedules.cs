using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports.IntegrationEventHandlers;

/// <summary>The scheduled exports that write to one integration, as the handlers of its events change them.</summary>
internal static class LinkedSchedules
{
    public static Task<List<ScheduledExport>> LoadAsync(PortalDbContext db, Guid integrationId, CancellationToken ct) =>
        db.ScheduledExports.Where(s => s.IntegrationId == integrationId).ToListAsync(ct);

    /// <summary>Paused as Pause does it (the row's flag; the Quartz job stays and skips the schedule), with the reason shown on it.</summary>
    public static void Pause(ScheduledExport schedule, string reason)
    {
        schedule.Paused = true;
        schedule.PauseReason = reason + " Re-point the export (edit it) or resume it once the destination is right.";
    }

    public static IReadOnlyList<string> Names(IEnumerable<ScheduledExport> schedules) =>
        schedules.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>One audit event per schedule, in the name of the Admin who acted on the integration.</summary>
    public static async Task AuditAsync(PortalAuditLog audit, IEnumerable<ScheduledExport> schedules, string code, string label, string action,
        string actor, string reason, CancellationToken ct)
    {
        foreach (var schedule in schedules)
        {
            await audit.WriteAsync(new PortalAuditEntry(code, label, action, "exports", actor, true, AuditTargetType.Asset, schedule.Name, Details: reason), ct);
        }
    }
}
