using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Notifications;
using AdminPortal.Core.Security;

namespace AdminPortal.Core.Integrations;

/// <summary>What the integration use cases leave behind: an audit event per action, a confirmation to the acting Admin.</summary>
public sealed class IntegrationAuditTrail(PortalAuditLog audit, NotificationService notifications, IPortalLinks links)
{
    public Task AuditAsync(string actor, string code, string label, string action, StorageIntegration i, string? details,
        CancellationToken ct, bool success = true, string? oldValue = null, string? newValue = null) =>
        audit.WriteAsync(new PortalAuditEntry(code, label, action, "integrations", actor, success,
            AuditTargetType.Repository, i.Name, Details: details, OldValue: oldValue, NewValue: newValue), ct);

    /// <summary>The confirmation of create, edit and delete: in the acting Admin's bell, and by e-mail when it is configured.</summary>
    public Task ConfirmAsync(string actor, string title, string message, CancellationToken ct) =>
        notifications.NotifyAsync(actor, new NotificationMessage(title, message, NotificationSeverity.Success, links.IntegrationSettings), ct);

    /// <summary>Tells every enabled Admin (bell and e-mail) of a failure nobody is watching for.</summary>
    public Task AlertAdminsAsync(string title, string message, CancellationToken ct) =>
        notifications.NotifyAdminsAsync(new NotificationMessage(title, message, NotificationSeverity.Error, links.IntegrationSettings), ct);

    /// <summary>The confirmation's sentence about linked exports: said only when there were some (it was sent for none).</summary>
    public static string LinkedSentence(IReadOnlyList<string> linked, string outcome) => linked.Count == 0
        ? ""
        : $" Linked scheduled exports were {outcome} ({linked.Count}): {string.Join(", ", linked)}.";

    /// <summary>The audit event's count of linked exports acted on.</summary>
    public static string LinkedCount(IReadOnlyList<string> linked, string outcome) => $"{linked.Count} linked exports {outcome}";
}
