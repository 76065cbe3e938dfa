using FluentValidation;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>What makes a policy runnable: a name, at least one rule, and rules whose parts fit together.</summary>
public sealed class SaveMatchingPolicyCommandValidator : AbstractValidator<SaveMatchingPolicyCommand>
{
    public const int MaxNameLength = 200;
    public const int MaxRules = 50;

    public SaveMatchingPolicyCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Give the policy a name.")
            .MaximumLength(MaxNameLength).WithMessage($"A policy's name is at most {MaxNameLength} characters.");
        RuleFor(c => c.Description).MaximumLength(2000).WithMessage("A description is at most 2000 characters.");
        RuleFor(c => c.Rules).NotEmpty().WithMessage("A policy needs at least one rule.")
            .Must(r => r is null || r.Count <= MaxRules).WithMessage($"A policy has at most {MaxRules} rules.");
        RuleForEach(c => c.Rules).ChildRules(rule =>
        {
            rule.RuleFor(r => r.EntityType).IsInEnum().WithMessage("Unknown entity type.");
            rule.RuleFor(r => r.Comparison).IsInEnum().WithMessage("Unknown comparison.");
            rule.RuleFor(r => r.Display).IsInEnum().WithMessage("Unknown display method.");
            rule.RuleFor(r => r.Attribute).IsInEnum().WithMessage("Unknown ledger attribute.");
            rule.RuleFor(r => r.ActorKind).Must(k => k is LedgerKind.Account or LedgerKind.Identity)
                .When(r => r.EntityType == RuleEntityType.Actor)
                .WithMessage("An actor is looked up in the accounts or the identities.");
            rule.RuleFor(r => r.Pattern).Must(p => MatchingPattern.TryParse(p, out _, out _))
                .When(r => r.Comparison == RuleComparison.Pattern)
                .WithMessage(r => MatchingPattern.TryParse(r.Pattern, out _, out var problem) ? "" : problem!);
            rule.RuleFor(r => r.Pattern).Empty().When(r => r.Comparison != RuleComparison.Pattern)
                .WithMessage("Only a rule that compares by pattern has a pattern.");
            rule.RuleFor(r => r.Comparison).Must((r, c) => c != RuleComparison.Sid
                    || r.EntityType is RuleEntityType.Account or RuleEntityType.Undetermined
                    || (r.EntityType == RuleEntityType.Actor && r.ActorKind == LedgerKind.Account))
                .WithMessage("A SID is an account's: compare by SID in a rule of the actor (looked up in the accounts), of an account or of undetermined type.");
            rule.RuleFor(r => r.CompareParent).Equal(false)
                .When(r => r.EntityType is RuleEntityType.Identity or RuleEntityType.Repository or RuleEntityType.Application
                    || (r.EntityType == RuleEntityType.Actor && r.ActorKind == LedgerKind.Identity))
                .WithMessage("Identities, repositories and applications have no parent to compare: leave compareParent off.");
            rule.RuleFor(r => r.Attribute).Must((r, a) => a != LedgerAttribute.Email
                    || r.EntityType is RuleEntityType.Identity or RuleEntityType.Undetermined
                    || (r.EntityType == RuleEntityType.Actor && r.ActorKind == LedgerKind.Identity))
                .WithMessage("Only identities have an e-mail address.");
        });
    }
}
