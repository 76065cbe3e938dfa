using AdminPortal.CloudStorage.S3;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class S3DestinationValidator : AbstractValidator<S3Destination>
{
    public S3DestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.Bucket).S3BucketName();
        RuleFor(d => d.Prefix).ObjectPrefix();
        RuleFor(d => d.ServiceUrl).HttpUrl("service URL");
        // S3-compatible stores name regions freely ("auto", "garage"); AWS itself has a fixed shape.
        RuleFor(d => d.Region).AwsRegion().When(d => !d.CompatibilityMode);
        RuleFor(d => d.Region).NotEmpty().WithMessage("Enter the region the store expects (often us-east-1).").When(d => d.CompatibilityMode);
        RuleFor(d => d.Auth).NotNull().WithMessage("Choose an access key pair or a role to assume.");
        RuleFor(d => d.Auth).SetInheritanceValidator(v =>
        {
            v.Add<S3AccessKeyAuth>(d => new S3AccessKeyAuthValidator(d.CompatibilityMode));
            v.Add<S3AssumeRoleAuth>(d => new S3AssumeRoleAuthValidator(d.CompatibilityMode));
        });
    }
}
