using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Exports;

/// <summary>
/// One run as its row holds it now: its status, and while it is Running its progress (rows, bytes, part). Seen by those
/// who may see its schedule (its owner and Admins); null otherwise, or when there is no such run.
/// </summary>
public sealed class GetExportRun(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<ExportRun?> HandleAsync(ClaimsPrincipal user, Guid runId, CancellationToken ct = default)
    {
        var session = await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.ExportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return null;
        }

        var owner = await db.ScheduledExports.AsNoTracking().Where(s => s.Id == run.ScheduleId).Select(s => s.OwnerId).SingleOrDefaultAsync(ct);
        return owner is not null && session.MayChange(owner) ? run : null;
    }
}
