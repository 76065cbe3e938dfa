using AdminPortal.CloudStorage.AzureBlob;
using FluentValidation;

namespace AdminPortal.CloudStorage.Validation;

public sealed class AzureSasAuthValidator : AbstractValidator<AzureSasAuth>
{
    public AzureSasAuthValidator() => RuleFor(a => a.SasToken)
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("Paste the SAS token.")
        .Must(token => token.Contains("sv=", StringComparison.Ordinal) && token.Contains("sig=", StringComparison.Ordinal))
            .WithMessage("A SAS token is the query part of a SAS URL and contains sv= and sig= (for example sv=2025-11-05&ss=b&...&sig=...).");
}
