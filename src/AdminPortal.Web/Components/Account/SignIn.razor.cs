using AdminPortal.Core.Security;
using AdminPortal.Core.Setup;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Components.Account;

public partial class SignIn
{
    private string? message;
    private bool setupOpen;

    [Inject] private SignInManager<PortalUser> SignInManager { get; set; } = default!;
    [Inject] private UserManager<PortalUser> Users { get; set; } = default!;
    [Inject] private PortalAuditLog Audit { get; set; } = default!;
    [Inject] private FirstRunSetup Setup { get; set; } = default!;
    [Inject] private IOptions<SignInPolicyOptions> Policy { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm] private SignInModel? Input { get; set; }

    [SupplyParameterFromQuery] private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery(Name = "signedOut")] private int? SignedOutFlag { get; set; }

    private bool SignedOut => SignedOutFlag == 1;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new SignInModel();
        setupOpen = await Setup.IsOpenAsync(HttpContext.RequestAborted);
    }

    private async Task SignInAsync()
    {
        var email = Input!.Email.Trim();
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (email.Length == 0 || Input.Password.Length == 0)
        {
            message = "Enter your e-mail address and password.";
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(email, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await Users.FindByNameAsync(email);
            if (user is not null)
            {
                user.LastSignInAtUtc = Clock.GetUtcNow().UtcDateTime;
                await Users.UpdateAsync(user);
            }

            await Audit.WriteAsync(SecurityEventKind.SignIn, true, email, email, ip, null);
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        // One message for a wrong password, an unknown, locked or disabled account: the page never tells which
        // accounts exist or are locked. The audit log says which it was.
        if (result.IsLockedOut)
        {
            await Audit.WriteAsync(SecurityEventKind.LockedOut, false, email, email, ip,
                $"Locked for {Policy.Value.LockoutMinutes} minutes after {Policy.Value.MaxFailedAttempts} failed attempts");
        }
        else
        {
            await Audit.WriteAsync(SecurityEventKind.SignInFailed, false, email, email, ip,
                result.IsNotAllowed ? "Account disabled" : "Wrong e-mail or password");
        }

        message = FailedMessage(Policy.Value.LockoutMinutes);
    }

    internal static string FailedMessage(int lockoutMinutes) =>
        "The e-mail address or password is not correct, or the account is locked or disabled. " +
        $"After repeated failures an account stays locked for {lockoutMinutes} minutes, or until an Admin unlocks it.";

    /// <summary>Only paths of this site: an absolute or protocol-relative URL would be an open redirect.</summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/signin", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";

    private sealed class SignInModel
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
