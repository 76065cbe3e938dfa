using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

/// <summary>Validates any destination by its cloud.</summary>
public sealed class StorageDestinationValidator : AbstractValidator<StorageDestination>
{
    public StorageDestinationValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(d => d).SetInheritanceValidator(v =>
        {
            v.Add(new S3DestinationValidator());
            v.Add(new AzureBlobDestinationValidator());
            v.Add(new GcsDestinationValidator());
        });
    }
}
