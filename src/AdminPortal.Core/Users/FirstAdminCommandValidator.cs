using FluentValidation;

namespace AdminPortal.Core.Users;

public sealed class FirstAdminCommandValidator : AbstractValidator<FirstAdminCommand>
{
    public FirstAdminCommandValidator()
    {
        RuleFor(c => c.SetupToken).NotEmpty().WithMessage("Enter the setup token the portal printed to its console.");
        RuleFor(c => c.Email).PortalEmail();
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter a password.");
        RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage("The two passwords differ.");
    }
}
