using System.Security.Claims;
using AdminPortal.Core.Users;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>The explorer's use cases, for Admins and Auditors only (checked here, not only on the page).</summary>
public sealed class AuditLogExplorer(AuditEventReader reader, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public Task<AuditPage> PageAsync(ClaimsPrincipal user, ExplorerState state, int skip, int take, CancellationToken ct = default)
    {
        EnsureAllowed(user);
        return reader.PageAsync(state.ToQuery(UtcNow, skip, take), ct);
    }

    public Task<AuditEvent?> GetAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
    {
        EnsureAllowed(user);
        return reader.GetAsync(id, ct);
    }

    public Task<IReadOnlyList<HistogramBucket>> HistogramAsync(ClaimsPrincipal user, ExplorerState state, CancellationToken ct = default)
    {
        EnsureAllowed(user);
        var now = UtcNow;
        var query = state.ToQuery(now);
        var from = query.FromUtc ?? now.AddDays(-30);
        var to = query.ToUtc ?? now;
        return reader.HistogramAsync(query, from, to, ct);
    }

    public IAsyncEnumerable<AuditEvent> StreamAsync(ClaimsPrincipal user, ExplorerState state, CancellationToken ct = default)
    {
        EnsureAllowed(user);
        return reader.StreamAsync(state.ToQuery(UtcNow, 0, int.MaxValue), ct);
    }

    internal static void EnsureAllowed(ClaimsPrincipal user)
    {
        if (!user.IsInRole(PortalRoles.Admin) && !user.IsInRole(PortalRoles.Auditor))
        {
            throw new UnauthorizedAccessException("Only Admins and Auditors may read audit logs.");
        }
    }
}
