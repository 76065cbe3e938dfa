using AdminPortal.Core.Ledger.Matching;
using AdminPortal.Web.Components.Ledger;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Ledger;

/// <summary>The policy editor saves the rules in the order shown, through the real use case.</summary>
public sealed class PolicyEditorTests : CorePortalContext
{
    private async Task<MatchingPolicy> SavedAsync(string name) =>
        (await Services.GetRequiredService<ListMatchingPolicies>().HandleAsync(Admin)).Single(p => p.Name == name);

    [Fact]
    public async Task Moving_a_rule_up_saves_the_policy_with_that_rule_tried_first()
    {
        await Services.GetRequiredService<SaveMatchingPolicy>().HandleAsync(Admin, new SaveMatchingPolicyCommand("windows", null,
        [
            new MatchingRuleInput(RuleEntityType.Actor, RuleComparison.Exact, DisplayMethod.IdentityFullName),
            new MatchingRuleInput(RuleEntityType.Undetermined, RuleComparison.Sid, DisplayMethod.KeyAndParent),
        ]));
        var policy = await SavedAsync("windows");
        Render<MudPopoverProvider>();
        var saved = new List<MatchingPolicy>();
        var editor = Render<PolicyEditor>(p => p.Add(e => e.Policy, policy).Add(e => e.Saved, s => saved.Add(s)));

        editor.Find("button[data-testid=rule-1-up]").Click();
        Assert.Contains("Target of undetermined type", editor.Find("[data-testid=rule-0-title]").TextContent);
        editor.Find("button[data-testid=save-policy]").Click();

        editor.WaitForAssertion(() => Assert.Single(saved));
        var rules = (await SavedAsync("windows")).Rules;
        Assert.Equal([(RuleEntityType.Undetermined, RuleComparison.Sid), (RuleEntityType.Actor, RuleComparison.Exact)],
            rules.Select(r => (r.EntityType, r.Comparison)));
    }

    [Fact]
    public void A_policy_without_a_name_is_refused_with_the_validator_s_message_and_nothing_is_saved()
    {
        Render<MudPopoverProvider>();
        var saved = new List<MatchingPolicy>();
        var editor = Render<PolicyEditor>(p => p.Add(e => e.Saved, s => saved.Add(s)));

        editor.Find("button[data-testid=save-policy]").Click();

        editor.WaitForAssertion(() => Assert.Contains("Give the policy a name.", editor.Markup));
        Assert.Empty(saved);
    }
}
