using AdminPortal.CloudStorage.AzureBlob;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class AzureClientSecretAuthValidator : AbstractValidator<AzureClientSecretAuth>
{
    public AzureClientSecretAuthValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.TenantId).TenantId();
        RuleFor(a => a.ClientId).GuidValue("application (client) id");
        RuleFor(a => a.ClientSecret).NotEmpty().WithMessage("Enter the client secret.");
    }
}
