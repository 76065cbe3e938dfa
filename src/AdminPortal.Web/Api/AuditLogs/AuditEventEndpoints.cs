using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Common;

namespace AdminPortal.Web.Api.AuditLogs;

/// <summary>GET /api/audit-events: the explorer's search (audit:read); events are sent with POST (AuditLogs/IngestionEndpoints).</summary>
public static class AuditEventEndpoints
{
    /// <summary>The most events one answer holds; page with skip.</summary>
    public const int MaxTake = 1000;

    public static RouteGroupBuilder MapAuditEvents(this RouteGroupBuilder api)
    {
        api.MapGet("/audit-events", async (ClaimsPrincipal user, string? q, DateTime? from, DateTime? to, string? range, int? skip, int? take,
                long? identity, bool? unmatched, AuditLogExplorer explorer, CancellationToken ct) =>
            {
                // A from or to is the explorer's custom range; otherwise its named ranges (1h, 24h, 7d, 30d), 7d by default.
                var state = from is null && to is null
                    ? new ExplorerState { Range = range ?? "7d", Search = q }
                    : new ExplorerState { Range = "custom", FromUtc = from?.ToUniversalTime(), ToUtc = to?.ToUniversalTime(), Search = q };
                // The explorer drops what it cannot use (a hand-edited URL); the API says so instead.
                var ignored = new List<string>();
                state = state.Sanitized(ignored) with { IdentityId = identity, ActorUnmatched = unmatched == true };
                if (ignored.Count > 0)
                {
                    return ApiResults.Failure(Result.Fail(ignored.Select(message => ("range", $"Ignored {message}."))));
                }

                var page = await explorer.PageAsync(user, state, Math.Max(0, skip ?? 0), Math.Clamp(take ?? 50, 1, MaxTake), ct);
                return Results.Ok(AuditEventsResponse.From(page));
            })
            .Produces<AuditEventsResponse>()
            .WithTags("Audit events")
            .WithSummary("Search the audit events as the explorer does: q (free text), from/to (ISO-8601) or range (1h, 24h, 7d, 30d), skip, take (at most 1000), newest first; " +
                "identity (a ledger entity's id: every event matched to it, an identity's across her accounts), unmatched=true (the events whose actor matched nothing)")
            .RequireAuthorization(Policies.ApiScope(ApiScopes.AuditRead));
        return api;
    }
}
