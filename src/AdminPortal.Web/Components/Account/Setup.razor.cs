using AdminPortal.Core.Security;
using AdminPortal.Core.Setup;
using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Components.Account;

public partial class Setup
{
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private IReadOnlyList<string> general = [];

    [Inject] private FirstRunSetup FirstRun { get; set; } = default!;
    [Inject] private IOptions<SignInPolicyOptions> Policy { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private SignInManager<PortalUser> SignInManager { get; set; } = default!;
    [Inject] private UserManager<PortalUser> Users { get; set; } = default!;
    [Inject] private PortalAuditLog Audit { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm] private FirstAdminCommand? Input { get; set; }

    protected override void OnInitialized()
    {
        Input ??= new FirstAdminCommand();
        editContext = new EditContext(Input);
        messages = new ValidationMessageStore(editContext);
    }

    private async Task CompleteAsync()
    {
        var result = await FirstRun.CompleteAsync(Input!, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            general = FormErrors.Apply(editContext, messages, result);
            return;
        }

        // The person who just chose the password is the first Admin: signed in, not sent to type it again.
        var email = Input!.Email.Trim();
        var admin = await Users.FindByNameAsync(email);
        if (admin is null)
        {
            Navigation.NavigateTo(PortalUrls.SignIn, forceLoad: true);
            return;
        }

        admin.LastSignInAtUtc = Clock.GetUtcNow().UtcDateTime;
        await Users.UpdateAsync(admin);
        await SignInManager.SignInAsync(admin, isPersistent: false);
        await Audit.WriteAsync(SecurityEventKind.SignIn, true, email, email, HttpContext.Connection.RemoteIpAddress?.ToString(),
            "Signed in by first-run setup", HttpContext.RequestAborted);
        Navigation.NavigateTo(PortalUrls.Overview, forceLoad: true);
    }
}
