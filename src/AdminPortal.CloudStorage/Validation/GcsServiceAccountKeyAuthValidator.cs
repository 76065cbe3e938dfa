using AdminPortal.CloudStorage.Gcs;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class GcsServiceAccountKeyAuthValidator : AbstractValidator<GcsServiceAccountKeyAuth>
{
    public GcsServiceAccountKeyAuthValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.KeyJson).ServiceAccountKeyJson();
    }
}
