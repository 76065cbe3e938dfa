using AdminPortal.CloudStorage.Gcs;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class GcsDestinationValidator : AbstractValidator<GcsDestination>
{
    public GcsDestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.Bucket).GcsBucketName();
        RuleFor(d => d.Prefix).ObjectPrefix();
        RuleFor(d => d.EndpointUrl).HttpUrl("endpoint URL");
        RuleFor(d => d.Auth).NotNull().WithMessage("Paste the service account's JSON key.");
        RuleFor(d => d.Auth).Must((d, auth) => auth is not GcsAnonymousAuth || d.EndpointUrl is not null)
            .WithMessage("Google Cloud Storage needs a service account key; only an emulator endpoint works without one.");
        RuleFor(d => d.Auth).SetInheritanceValidator(v => v.Add(new GcsServiceAccountKeyAuthValidator()));
    }
}
