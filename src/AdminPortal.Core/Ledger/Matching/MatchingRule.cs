namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// One rule of a <see cref="MatchingPolicy"/>: which of the event's parameters (actor: login + repository; target: name +
/// parent) it compares with which ledger attributes, how, and how a match is shown.
/// </summary>
public sealed class MatchingRule
{
    public int Id { get; set; }

    public int PolicyId { get; set; }

    /// <summary>Rules run in this order (0 first); a matched actor or target is not matched again by a later rule.</summary>
    public int Position { get; set; }

    public RuleEntityType EntityType { get; set; }

    /// <summary>For an actor rule: the kind the actor is looked up in (Account, or Identity when logins are e-mails or HR codes).</summary>
    public LedgerKind ActorKind { get; set; } = LedgerKind.Account;

    public RuleComparison Comparison { get; set; }

    public LedgerAttribute Attribute { get; set; }

    /// <summary>For <see cref="RuleComparison.Pattern"/>: <c>{domain}\{login}</c>, <c>{login}@{domain}</c>, <c>PREFIX{login}SUFFIX</c>.</summary>
    public string? Pattern { get; set; }

    /// <summary>Whether the second parameter (repository, target parent) must equal the entity's parent too.</summary>
    public bool CompareParent { get; set; }

    public DisplayMethod Display { get; set; }
}
