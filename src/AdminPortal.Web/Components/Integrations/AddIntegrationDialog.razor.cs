using AdminPortal.Core.Integrations;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Radzen;

namespace AdminPortal.Web.Components.Integrations;

/// <summary>"Create a storage integration for audit logs": cloud, method, name, destination and the method's fields.</summary>
public sealed partial class AddIntegrationDialog
{
    [Inject] private IntegrationService Integrations { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private readonly IntegrationForm form = new();
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private IReadOnlyList<string> general = [];
    private bool busy;
    private string suggestedName = "";

    protected override async Task OnInitializedAsync()
    {
        editContext = new EditContext(form);
        messages = new ValidationMessageStore(editContext);
        await SuggestNameAsync();
    }

    private async Task ChangeCloudAsync(IntegrationCloud cloud)
    {
        form.ChangeCloud(cloud);
        messages.Clear();
        general = [];
        await SuggestNameAsync();
    }

    /// <summary>Proposes the next free name for the cloud, unless the user typed one of their own.</summary>
    private async Task SuggestNameAsync()
    {
        var cloud = form.Cloud;
        var suggestion = await Integrations.SuggestNameAsync((await AuthenticationState).User, cloud);
        // Decided when the answer arrives, not when it was asked for: a name typed meanwhile is the user's (deciding
        // before, a name typed right after picking the cloud was replaced), and an answer for another cloud is stale.
        if (cloud != form.Cloud)
        {
            return;
        }

        if (form.Name.Length == 0 || form.Name == suggestedName)
        {
            form.Name = suggestion;
        }

        suggestedName = suggestion;
    }

    private async Task CreateAsync()
    {
        busy = true;
        try
        {
            var command = form.ToCreateCommand(out var problem);
            if (command is null)
            {
                general = FormErrors.Apply(editContext, messages, problem);
                return;
            }

            var outcome = await Integrations.CreateAsync((await AuthenticationState).User, command);
            if (outcome.Succeeded)
            {
                form.Secret = null;
                Dialogs.Close(outcome.Integration);
                return;
            }

            general = FormErrors.Apply(editContext, messages, IntegrationForm.OnFormFields(outcome.Result));
        }
        finally
        {
            busy = false;
        }
    }
}
