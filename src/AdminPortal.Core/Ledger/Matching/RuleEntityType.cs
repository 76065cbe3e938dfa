namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// What a rule matches: the event's actor, a target of one type (the event's target type must be it), or a target of
/// undetermined type, whose type becomes that of the first ledger entity matched.
/// </summary>
public enum RuleEntityType
{
    Actor,
    Undetermined,
    Organisation,
    Identity,
    Repository,
    Account,
    Group,
    Application,
    Permission,
    Asset,
}
