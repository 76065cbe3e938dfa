using AdminPortal.CloudStorage.AzureBlob;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class AzureBlobDestinationValidator : AbstractValidator<AzureBlobDestination>
{
    public AzureBlobDestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d.AccountName).AzureStorageAccountName();
        RuleFor(d => d.Container).AzureContainerName();
        RuleFor(d => d.Prefix).ObjectPrefix();
        RuleFor(d => d.EndpointUrl).HttpUrl("endpoint URL");
        RuleFor(d => d.Auth).NotNull().WithMessage("Choose an account key, a SAS token or an application.");
        RuleFor(d => d.Auth).SetInheritanceValidator(v =>
        {
            v.Add(new AzureSharedKeyAuthValidator());
            v.Add(new AzureSasAuthValidator());
            v.Add(new AzureClientSecretAuthValidator());
        });
    }
}
