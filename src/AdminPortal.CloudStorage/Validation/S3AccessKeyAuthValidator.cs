using AdminPortal.CloudStorage.S3;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class S3AccessKeyAuthValidator : AbstractValidator<S3AccessKeyAuth>
{
    public S3AccessKeyAuthValidator(bool compatibilityMode)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        if (compatibilityMode)
        {
            RuleFor(a => a.AccessKeyId).NotEmpty().WithMessage("Enter the access key id.");
        }
        else
        {
            RuleFor(a => a.AccessKeyId).AwsAccessKeyId();
        }

        RuleFor(a => a.SecretAccessKey).NotEmpty().WithMessage("Enter the secret access key.");
    }
}
