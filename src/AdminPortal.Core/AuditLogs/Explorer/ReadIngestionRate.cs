using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// The overview's ingestion rate, for Admins and Auditors. "IngestedAtUtc" has no index (one more per row would slow
/// every write of millions), but rows are numbered as they are stored, so ingestion time grows with the primary key:
/// a binary search over "Id" finds the first row of a window in about 30 primary-key probes, and the window's rows are
/// counted on the key's range. The same EF query on SQLite and on PostgreSQL (whose partitions each index "Id" first).
/// </summary>
public sealed class ReadIngestionRate(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions, TimeProvider clock)
{
    /// <summary>The last hour's count stops here: counting is a walk over the range, and "1,000,000+" says enough.</summary>
    public const int CountLimit = 1_000_000;

    public async Task<IngestionRate> HandleAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, clock.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>The rate at <paramref name="now"/>, on either provider (the store tests run it on both).</summary>
    internal static async Task<IngestionRate> ReadAsync(PortalDbContext db, DateTime now, CancellationToken ct)
    {
        var newest = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id)
            .Select(e => new { e.Id, e.IngestedAtUtc }).FirstOrDefaultAsync(ct);
        if (newest is null)
        {
            return new IngestionRate(0, false, 0, null);
        }

        var oldestId = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).Select(e => e.Id).FirstAsync(ct);
        var hourStart = await FirstIngestedSinceAsync(db, oldestId, newest.Id, now.AddHours(-1), ct);
        var fiveStart = await FirstIngestedSinceAsync(db, hourStart ?? oldestId, newest.Id, now.AddMinutes(-5), ct);
        var lastHour = await CountFromAsync(db, hourStart, ct);
        return new IngestionRate(Math.Min(lastHour, CountLimit), lastHour > CountLimit, await CountFromAsync(db, fiveStart, ct), newest.IngestedAtUtc);
    }

    /// <summary>The smallest row id stored at or after <paramref name="sinceUtc"/>, searched between two stored ids; null when none is.</summary>
    private static async Task<long?> FirstIngestedSinceAsync(PortalDbContext db, long low, long high, DateTime sinceUtc, CancellationToken ct)
    {
        if (await IngestedAtOrAfterAsync(db, high, ct) is not { } newest || newest < sinceUtc)
        {
            return null;
        }

        if (await IngestedAtOrAfterAsync(db, low, ct) is { } oldest && oldest >= sinceUtc)
        {
            return low;
        }

        // Invariant: the first row at or after low was stored before sinceUtc, the first at or after high at or after it.
        while (high - low > 1)
        {
            var mid = low + ((high - low) / 2);
            if (await IngestedAtOrAfterAsync(db, mid, ct) >= sinceUtc)
            {
                high = mid;
            }
            else
            {
                low = mid;
            }
        }

        return high;
    }

    /// <summary>The ingestion time of the first row at or after <paramref name="id"/> (ids have gaps: deleted rows, rolled-back inserts).</summary>
    private static async Task<DateTime?> IngestedAtOrAfterAsync(PortalDbContext db, long id, CancellationToken ct)
    {
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Id >= id).OrderBy(e => e.Id).Select(e => e.IngestedAtUtc).Take(1).ToListAsync(ct);
        return rows.Count == 0 ? null : rows[0];
    }

    private static async Task<long> CountFromAsync(PortalDbContext db, long? firstId, CancellationToken ct) => firstId is { } id
        ? await db.AuditEvents.AsNoTracking().Where(e => e.Id >= id).Take(CountLimit + 1).LongCountAsync(ct)
        : 0;
}
