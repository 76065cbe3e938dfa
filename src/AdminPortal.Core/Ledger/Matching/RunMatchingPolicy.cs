using System.Security.Claims;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Common;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>An Admin runs (or re-runs) a matching policy over a time range: the range's matches are replaced. Audited.</summary>
public sealed class RunMatchingPolicy(UserSessions sessions, LedgerMatcher matcher, PortalAuditLog audit)
{
    public async Task<Result<MatchingRunReport>> HandleAsync(ClaimsPrincipal actor, string policyName, DateTime? fromUtc, DateTime? toUtc,
        CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, "run a matching policy", ct);
        if (fromUtc is { } from && toUtc is { } to && from >= to)
        {
            return Result<MatchingRunReport>.Fail("from", "The range's start must be before its end.");
        }

        if (await matcher.FindPolicyAsync(policyName, ct) is not { } policy)
        {
            return Result<MatchingRunReport>.NotFound($"There is no matching policy named '{policyName}'.");
        }

        var report = await matcher.RunAsync(policy, fromUtc, toUtc, ct);
        await audit.WriteAsync(new PortalAuditEntry("MatchingPolicyRun", "Matching policy run", "run", "ledger", actor.ActorName(), true,
            AuditTargetType.Perimeter, policy.Name,
            Details: $"{report.FromUtc:O} to {report.ToUtc:O}: {report.Events} events, {report.ActorsMatched} actors and {report.TargetsMatched} targets matched"), ct);
        return Result.Ok(report);
    }
}
