using AdminPortal.Core.Security;
using AdminPortal.Core.Setup;
using AdminPortal.Core.Users;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
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

        Navigation.NavigateTo(PortalUrls.SignIn + "?setupDone=1", forceLoad: true);
    }
}
