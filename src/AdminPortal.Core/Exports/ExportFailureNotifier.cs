using AdminPortal.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// A run that failed after its retries is told to the schedule's owner (bell and e-mail) and e-mailed to its
/// notification addresses that are still allowed (<see cref="ExportRecipients"/>), with the cloud's own error and a link
/// to the schedule's history. Successes tell no one.
/// </summary>
internal sealed class ExportFailureNotifier(NotificationService notifications, ExportRecipients recipients, IPortalLinks links,
    ILogger<ExportFailureNotifier> logger) : IExportNotifier
{
    public async Task RunFinishedAsync(ScheduledExport schedule, ExportRun run, CancellationToken ct)
    {
        if (run.Status != ExportRunStatus.Failed)
        {
            return;
        }

        var message = new NotificationMessage(
            $"Export \"{schedule.Name}\" failed",
            $"The {run.Trigger.ToString().ToLowerInvariant()} run of {run.StartedAtUtc:yyyy-MM-dd HH:mm} UTC failed" +
            (run.Retries > 0 ? $" after {run.Retries} retr{(run.Retries == 1 ? "y" : "ies")}" : "") + ".\n" +
            $"The cloud platform said: {run.Error}\n" +
            (run.ErrorHint is null ? "" : $"Hint: {run.ErrorHint}\n") +
            "Nothing of this window is visible in the destination and the schedule keeps its place: the next run exports it again.\n" +
            $"Run {run.Id}.",
            NotificationSeverity.Error,
            // The workbook with its Schedule Exports modal open on this schedule's history.
            links.ExportHistory(schedule.WorkbookId, schedule.Id));
        if (!string.IsNullOrEmpty(schedule.OwnerEmail))
        {
            await notifications.NotifyAsync(schedule.OwnerEmail, message, ct);
        }

        var addresses = schedule.NotificationAddresses().Where(a => !a.Equals(schedule.OwnerEmail, StringComparison.OrdinalIgnoreCase)).ToList();
        var refused = await recipients.NotAllowedAsync(addresses, ct);
        if (refused.Count > 0)
        {
            // Saved before the recipient rule, or a user since disabled: the save-time check no longer holds.
            logger.LogWarning("Export {ScheduleName}: {Count} notification addresses are not portal users nor in an allowed domain; not e-mailed",
                schedule.Name, refused.Count);
        }

        foreach (var address in addresses.Except(refused))
        {
            await notifications.EmailAsync(address, message, ct);
        }
    }
}
