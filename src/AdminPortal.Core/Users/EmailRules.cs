using FluentValidation;

namespace AdminPortal.Core.Users;

internal static class EmailRules
{
    // Identity's own check is permissive (anything with an @); people expect name@domain.tld.
    public static IRuleBuilderOptions<T, string> PortalEmail<T>(this IRuleBuilder<T, string> rule) => rule
        .NotEmpty().WithMessage("Enter an e-mail address.")
        .MaximumLength(256).WithMessage("An e-mail address has at most 256 characters.")
        .Matches(@"^[^@\s]+@[^@\s]+\.[^@\s]+$").WithMessage("Enter an e-mail address like name@example.com.");
}
