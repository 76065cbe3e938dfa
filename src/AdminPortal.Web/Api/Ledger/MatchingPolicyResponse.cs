using AdminPortal.Core.Ledger.Matching;

namespace AdminPortal.Web.Api.Ledger;

/// <summary>A matching policy with its rules in order.</summary>
public sealed record MatchingPolicyResponse(int Id, string Name, string? Description, IReadOnlyList<MatchingRuleInput> Rules)
{
    public static MatchingPolicyResponse From(MatchingPolicy policy) => new(policy.Id, policy.Name, policy.Description,
        [.. policy.Rules.OrderBy(r => r.Position).Select(r => new MatchingRuleInput(r.EntityType, r.Comparison, r.Display, r.Attribute, r.Pattern, r.CompareParent, r.ActorKind))]);
}
