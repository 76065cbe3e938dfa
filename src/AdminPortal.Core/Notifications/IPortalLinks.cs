namespace AdminPortal.Core.Notifications;

/// <summary>
/// The portal's pages that notifications and e-mails link to. The web host owns the routes (its one table of them) and
/// implements this; Core names a page by what it shows, never by its path.
/// </summary>
public interface IPortalLinks
{
    /// <summary>General Settings on its storage integrations tab.</summary>
    string IntegrationSettings { get; }

    /// <summary>A workbook with its Schedule Exports modal open on one schedule's history.</summary>
    string ExportHistory(int workbookId, Guid scheduleId);
}
