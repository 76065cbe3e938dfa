using AdminPortal.CloudStorage.S3;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class S3AssumeRoleAuthValidator : AbstractValidator<S3AssumeRoleAuth>
{
    public S3AssumeRoleAuthValidator(bool compatibilityMode)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.RoleArn).AwsRoleArn();
        RuleFor(a => a.ExternalId).AwsExternalId();
        RuleFor(a => a.StsServiceUrl).HttpUrl("STS endpoint");
        RuleFor(a => a.BaseCredentials!).SetValidator(new S3AccessKeyAuthValidator(compatibilityMode)).When(a => a.BaseCredentials is not null);
    }
}
