using AdminPortal.Core.Notifications;

namespace AdminPortal.Web;

/// <summary>Core's links (notifications, e-mails) from the web's route table.</summary>
public sealed class PortalLinks : IPortalLinks
{
    public string IntegrationSettings => PortalUrls.IntegrationSettings;

    public string ExportHistory(int workbookId, Guid scheduleId) => PortalUrls.ExportHistory(workbookId, scheduleId);
}
