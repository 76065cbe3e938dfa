using AdminPortal.Core.Ledger;
using AdminPortal.Core.Ledger.Matching;

namespace AdminPortal.Core.Tests.Ledger;

public sealed class SaveMatchingPolicyCommandValidatorTests
{
    private static List<string> Problems(params MatchingRuleInput[] rules) =>
        [.. new SaveMatchingPolicyCommandValidator().Validate(new SaveMatchingPolicyCommand("p", null, rules)).Errors.Select(e => e.ErrorMessage)];

    [Fact]
    public void A_runnable_policy_has_no_problem()
    {
        Assert.Empty(Problems(
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Pattern, DisplayMethod.IdentityFullName, Pattern: @"{domain}\{login}"),
            new MatchingRuleInput(RuleEntityType.Undetermined, RuleComparison.Sid, DisplayMethod.KeyAndParent),
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.CaseInsensitive, DisplayMethod.EntityName, LedgerAttribute.Email, ActorKind: LedgerKind.Identity)));
    }

    [Fact]
    public void Rules_whose_parts_do_not_fit_together_are_refused_with_a_reason()
    {
        Assert.Equal(["A SID is an account's: compare by SID in a rule of the actor (looked up in the accounts), of an account or of undetermined type."],
            Problems(new MatchingRuleInput(RuleEntityType.Group, RuleComparison.Sid, DisplayMethod.EntityName)));
        Assert.Equal(["Only identities have an e-mail address."],
            Problems(new MatchingRuleInput(RuleEntityType.Account, RuleComparison.Exact, DisplayMethod.EntityName, LedgerAttribute.Email)));
        Assert.Equal(["Only a rule that compares by pattern has a pattern."],
            Problems(new MatchingRuleInput(RuleEntityType.Account, RuleComparison.Exact, DisplayMethod.EntityName, Pattern: "{login}")));
        Assert.Equal(["An actor is looked up in the accounts or the identities."],
            Problems(new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Exact, DisplayMethod.EntityName, ActorKind: LedgerKind.Group)));
        Assert.Equal(["Identities, repositories and applications have no parent to compare: leave compareParent off."],
            Problems(new MatchingRuleInput(RuleEntityType.Identity, RuleComparison.Exact, DisplayMethod.EntityName, CompareParent: true)));
        Assert.Equal(["A policy needs at least one rule."], Problems());
    }
}
