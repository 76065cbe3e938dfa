using AdminPortal.CloudStorage.AzureBlob;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class AzureSharedKeyAuthValidator : AbstractValidator<AzureSharedKeyAuth>
{
    public AzureSharedKeyAuthValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(a => a.AccountKey).Base64Key("account key");
    }
}
