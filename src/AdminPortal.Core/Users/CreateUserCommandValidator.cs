using FluentValidation;

namespace AdminPortal.Core.Users;

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).PortalEmail();
        RuleFor(c => c.Role).Must(PortalRoles.IsKnown).WithMessage("Choose a role: Admin or Auditor.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter an initial password.");
    }
}
