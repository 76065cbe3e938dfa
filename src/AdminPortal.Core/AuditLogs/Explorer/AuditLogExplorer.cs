using System.Runtime.CompilerServices;
using System.Security.Claims;
using AdminPortal.Core.Users;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// The explorer's use cases, for Admins and Auditors only: checked here, against the database (a circuit keeps the role
/// its page was opened with), not only on the page.
/// </summary>
public sealed class AuditLogExplorer(IAuditEventQueries reader, UserSessions sessions, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<AuditPage> PageAsync(ClaimsPrincipal user, ExplorerState state, int skip, int take, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        return await reader.PageAsync(state.ToQuery(UtcNow, skip, take), ct);
    }

    /// <summary>The page after <paramref name="after"/>, the key of the last row of the page shown (keyset: no OFFSET to walk).</summary>
    public async Task<AuditPage> NextPageAsync(ClaimsPrincipal user, ExplorerState state, AuditPageKey after, int take, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        return await reader.PageAsync(state.ToQuery(UtcNow, 0, take) with { After = after }, ct);
    }

    public async Task<AuditEvent?> GetAsync(ClaimsPrincipal user, long id, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        return await reader.GetAsync(id, ct);
    }

    public async Task<IReadOnlyList<HistogramBucket>> HistogramAsync(ClaimsPrincipal user, ExplorerState state, CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        var now = UtcNow;
        var query = state.ToQuery(now);
        var from = query.FromUtc ?? now.AddDays(-30);
        var to = query.ToUtc ?? now;
        return await reader.HistogramAsync(query, from, to, ct);
    }

    /// <summary>Every event of the view; the check runs when the first one is asked for, before any is read.</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(ClaimsPrincipal user, ExplorerState state, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await sessions.EnsureAuditLogReaderAsync(user, ct);
        await foreach (var e in reader.StreamAsync(state.ToQuery(UtcNow, 0, int.MaxValue), ct))
        {
            yield return e;
        }
    }
}
