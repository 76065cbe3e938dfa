using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports.IntegrationEventHandlers;

/// <summary>The scheduled exports that write to an integration, for the Edit Destination and Delete warnings (Admins).</summary>
public sealed class ListLinkedExports(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IReadOnlyList<LinkedExport>> HandleAsync(ClaimsPrincipal actor, Guid integrationId, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (
            from s in db.ScheduledExports.AsNoTracking()
            where s.IntegrationId == integrationId
            join w in db.Workbooks on s.WorkbookId equals w.Id into workbooks
            from w in workbooks.DefaultIfEmpty()
            orderby s.Name
            select new LinkedExport(s.Id, s.Name, s.Paused, w == null ? "(deleted workbook)" : w.Name)).ToListAsync(ct);
    }
}
