using System.Security.Claims;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Which exports hold retention back now, for Admins: an enabled incremental export keeps every event after its
/// watermark (<see cref="ExportRetentionHold"/>), so each one with an undelivered event older than the cutoff is named.
/// Read live rather than from the last clean-up, which ran on one node and names no schedule. Only events older than
/// the cutoff are read (the time index; on PostgreSQL the old partitions), and retention removes all but the held ones.
/// </summary>
public sealed class ListRetentionHolds(
    IDbContextFactory<PortalDbContext> dbFactory, IOptions<RetentionOptions> options, UserSessions sessions, TimeProvider clock)
{
    public async Task<RetentionHeldBack> HandleAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(user, "see what holds retention back", ct);
        var days = options.Value.Days;
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new RetentionHeldBack(days, cutoff, await HoldsAsync(db, cutoff, ct));
    }

    /// <summary>The exports holding events older than <paramref name="cutoff"/>, oldest first, on either provider.</summary>
    internal static async Task<IReadOnlyList<RetentionHold>> HoldsAsync(PortalDbContext db, DateTime cutoff, CancellationToken ct)
    {
        var schedules = await db.ScheduledExports.AsNoTracking().Where(s => !s.Paused && s.Mode == ExportMode.Incremental)
            .Select(s => new { s.Id, s.Name, s.WorkbookId, s.WatermarkEventRowId }).ToListAsync(ct);
        var holds = new List<RetentionHold>();
        foreach (var s in schedules)
        {
            var after = s.WatermarkEventRowId ?? 0;
            var oldest = await db.AuditEvents.AsNoTracking().Where(e => e.EventTimeUtc < cutoff && e.Id > after)
                .OrderBy(e => e.EventTimeUtc).Select(e => e.EventTimeUtc).Take(1).ToListAsync(ct);
            if (oldest.Count > 0)
            {
                holds.Add(new RetentionHold(s.Id, s.Name, s.WorkbookId, oldest[0]));
            }
        }

        return holds.OrderBy(h => h.OldestUndeliveredUtc).ToList();
    }
}
