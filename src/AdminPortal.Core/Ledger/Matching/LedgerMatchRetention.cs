using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>The matches of the events retention removed: a match keeps its event's time, so one range delete finds them.</summary>
public sealed class LedgerMatchRetention(IDbContextFactory<PortalDbContext> contexts) : IRetentionFollower
{
    public async Task<long> DeleteOlderThanAsync(DateTime cutoffUtc, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.LedgerMatches.Where(m => m.EventTimeUtc < cutoffUtc).ExecuteDeleteAsync(ct);
    }
}
