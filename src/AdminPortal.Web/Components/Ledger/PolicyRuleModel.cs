using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Matching;

namespace AdminPortal.Web.Components.Ledger;

/// <summary>One rule as the policy editor holds it while the Admin edits it (a <see cref="MatchingRuleInput"/> once saved).</summary>
public sealed class PolicyRuleModel
{
    public RuleEntityType EntityType { get; set; } = RuleEntityType.Actor;

    public LedgerKind ActorKind { get; set; } = LedgerKind.Account;

    public RuleComparison Comparison { get; set; } = RuleComparison.CaseInsensitive;

    public LedgerAttribute Attribute { get; set; } = LedgerAttribute.Key;

    public string? Pattern { get; set; }

    public bool CompareParent { get; set; }

    public DisplayMethod Display { get; set; } = DisplayMethod.IdentityFullName;

    public static PolicyRuleModel From(MatchingRule rule) => new()
    {
        EntityType = rule.EntityType,
        ActorKind = rule.ActorKind,
        Comparison = rule.Comparison,
        Attribute = rule.Attribute,
        Pattern = rule.Pattern,
        CompareParent = rule.CompareParent,
        Display = rule.Display,
    };

    /// <summary>The rule to save; a pattern is kept only for a rule that compares by pattern (the validator refuses it otherwise).</summary>
    public MatchingRuleInput ToInput() => new(EntityType, Comparison, Display, Attribute,
        Comparison == RuleComparison.Pattern ? Pattern?.Trim() : null, CompareParent, ActorKind);
}
