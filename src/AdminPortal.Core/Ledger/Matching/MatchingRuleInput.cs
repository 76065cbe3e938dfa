namespace AdminPortal.Core.Ledger.Matching;

/// <summary>One rule of a <see cref="SaveMatchingPolicyCommand"/>, in the order it runs.</summary>
public sealed record MatchingRuleInput(
    RuleEntityType EntityType,
    RuleComparison Comparison,
    DisplayMethod Display,
    LedgerAttribute Attribute = LedgerAttribute.Key,
    string? Pattern = null,
    bool CompareParent = false,
    LedgerKind ActorKind = LedgerKind.Account);
