using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// The policy a CSV collection names runs at the end of the collection, as Brainwave's audit log silo does: over the
/// time range of the collected events (every event of that range is matched again, the collection's and any other).
/// The caller checked the actor (an Admin, or an audit:ingest token, which only Admins hold).
/// </summary>
public sealed class MatchAfterCollection(LedgerMatcher matcher)
{
    /// <summary>The refusal when the named policy does not exist (checked before anything is collected); null otherwise.</summary>
    public async Task<string?> CheckAsync(string? policyName, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(policyName) || await matcher.FindPolicyAsync(policyName.Trim(), ct) is not null
            ? null
            : $"There is no matching policy named '{policyName.Trim()}'. Nothing was stored.";

    /// <summary>Runs the policy over what the collection stored; the report as it was when it names none or stored nothing.</summary>
    public async Task<IngestionReport> RunAsync(string? policyName, IngestionReport collected, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(policyName) || collected.Error is not null || collected.EventTimes is not { } times
            || await matcher.FindPolicyAsync(policyName.Trim(), ct) is not { } policy)
        {
            return collected;
        }

        return collected with { Matching = await matcher.RunAsync(policy, times.From, times.To.AddMilliseconds(1), ct) };
    }
}
