using AdminPortal.Core.Data;
using AdminPortal.Core.Exports.Scheduling;
using AdminPortal.Core.Integrations.Events;
using AdminPortal.Core.Security;

namespace AdminPortal.Core.Exports.IntegrationEventHandlers;

/// <summary>
/// An integration is being deleted: its exports are paused, or deleted with their Quartz jobs (the Admin ticked "delete
/// linked exports"). The jobs go once the deletion is committed: a job whose schedule is gone also deletes itself, and
/// the start-up reconciliation removes any that a crash left, so the database stays the one truth.
/// </summary>
internal sealed class PauseOrDeleteLinkedExports(ExportScheduler scheduler, PortalAuditLog audit, TimeProvider clock)
    : IIntegrationEventHandler<IntegrationDeleted>
{
    public async Task<IntegrationEventReaction> HandleAsync(IntegrationDeleted deleted, PortalDbContext db, CancellationToken ct)
    {
        var schedules = await LinkedSchedules.LoadAsync(db, deleted.IntegrationId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var schedule in schedules)
        {
            if (deleted.DeleteLinkedExports)
            {
                db.ScheduledExports.Remove(schedule);
            }
            else
            {
                LinkedSchedules.Pause(schedule, deleted.Reason);
                schedule.UpdatedAtUtc = now;
            }
        }

        return new(LinkedSchedules.Names(schedules), async afterCommitCt =>
        {
            if (!deleted.DeleteLinkedExports)
            {
                await LinkedSchedules.AuditAsync(audit, schedules, "ExportSchedulePaused", "Export schedule paused", "pause", deleted.Actor, deleted.Reason, afterCommitCt);
                return;
            }

            foreach (var schedule in schedules)
            {
                await scheduler.RemoveAsync(schedule.Id, afterCommitCt);
            }

            await LinkedSchedules.AuditAsync(audit, schedules, "ExportScheduleDeleted", "Export schedule deleted", "delete", deleted.Actor, deleted.Reason, afterCommitCt);
        });
    }
}
