using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The newest failed or interrupted runs of the schedules the user may see (an Admin's: all; an Auditor's: their own),
/// for the overview. Runs of deleted schedules are gone with them.
/// </summary>
public sealed class ListExportFailures(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<IReadOnlyList<ExportFailure>> HandleAsync(ClaimsPrincipal user, int take = 5, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        var everyone = session.IsInRole(PortalRoles.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (
                from r in db.ExportRuns.AsNoTracking()
                join s in db.ScheduledExports.AsNoTracking() on r.ScheduleId equals s.Id
                where (r.Status == ExportRunStatus.Failed || r.Status == ExportRunStatus.Interrupted) && (everyone || s.OwnerId == session.Id)
                orderby r.StartedAtUtc descending
                select new ExportFailure(s.Id, s.Name, s.WorkbookId, r.Id, r.Status, r.StartedAtUtc, r.Error))
            .Take(Math.Clamp(take, 1, 50)).ToListAsync(ct);
    }
}
