using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Security;

/// <summary>Writes the portal's own access events (sign-ins, lockouts, user changes) to their table.</summary>
public sealed class SecurityAuditLog(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task WriteAsync(
        SecurityEventKind kind,
        bool success,
        string? actorEmail,
        string? subjectEmail,
        string? ipAddress,
        string? details,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SecurityEvents.Add(new SecurityEvent
        {
            OccurredAtUtc = clock.GetUtcNow().UtcDateTime,
            Kind = kind,
            Success = success,
            ActorEmail = actorEmail,
            SubjectEmail = subjectEmail,
            IpAddress = ipAddress,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SecurityEvent>> RecentAsync(int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SecurityEvents.AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }
}
