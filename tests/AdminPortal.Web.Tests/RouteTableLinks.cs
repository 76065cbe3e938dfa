using AdminPortal.Core.Notifications;

namespace AdminPortal.Web.Tests;

/// <summary>Core's links from the web's route table, as the host's (internal) PortalLinks gives them.</summary>
internal sealed class RouteTableLinks : IPortalLinks
{
    public string IntegrationSettings => PortalUrls.IntegrationSettings;

    public string ExportHistory(int workbookId, Guid scheduleId) => PortalUrls.ExportHistory(workbookId, scheduleId);
}
