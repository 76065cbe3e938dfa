using FluentValidation;

namespace AdminPortal.Core.Users;

/// <summary>What an Admin fills in to add a user.</summary>
public sealed class CreateUserCommand
{
    public string Email { get; set; } = "";
    public string Role { get; set; } = PortalRoles.Auditor;
    public string Password { get; set; } = "";
}

/// <summary>What the first-run setup page asks for.</summary>
public sealed class FirstAdminCommand
{
    public string SetupToken { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>One user as the Users page lists it.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string Role,
    bool IsDisabled,
    DateTimeOffset? LockedOutUntil,
    DateTime CreatedAtUtc,
    DateTime? LastSignInAtUtc);

internal static class EmailRules
{
    // Identity's own check is permissive (anything with an @); people expect name@domain.tld.
    public static IRuleBuilderOptions<T, string> PortalEmail<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter an e-mail address.")
        .MaximumLength(256).WithMessage("An e-mail address has at most 256 characters.")
        .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$").WithMessage("Enter an e-mail address like name@example.com.");
}

public sealed class CreateUserCommandValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserCommandValidator()
    {
        RuleFor(c => c.Email).PortalEmail();
        RuleFor(c => c.Role).Must(PortalRoles.IsKnown).WithMessage("Choose a role: Admin or Auditor.");
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter an initial password.");
    }
}

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
