using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations.Events;
using AdminPortal.Core.Security;

namespace AdminPortal.Core.Exports.IntegrationEventHandlers;

/// <summary>
/// An integration's destination changed: its exports are paused, or (the Admin ticked "update linked exports") keep
/// running as they are, since object names are relative to the integration's prefix and so follow the new destination.
/// </summary>
internal sealed class PauseOrRepointLinkedExports(PortalAuditLog audit, TimeProvider clock) : IIntegrationEventHandler<IntegrationDestinationChanged>
{
    public async Task<IntegrationEventReaction> HandleAsync(IntegrationDestinationChanged changed, PortalDbContext db, CancellationToken ct)
    {
        var schedules = await LinkedSchedules.LoadAsync(db, changed.IntegrationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var schedule in schedules)
        {
            if (!changed.KeepLinkedExports)
            {
                LinkedSchedules.Pause(schedule, changed.Reason);
            }

            schedule.UpdatedAtUtc = now;
        }

        return new(LinkedSchedules.Names(schedules), afterCommitCt => changed.KeepLinkedExports
            ? LinkedSchedules.AuditAsync(audit, schedules, "ExportScheduleRepointed", "Export schedule re-pointed", "update", changed.Actor, changed.Reason, afterCommitCt)
            : LinkedSchedules.AuditAsync(audit, schedules, "ExportSchedulePaused", "Export schedule paused", "pause", changed.Actor, changed.Reason, afterCommitCt));
    }
}
