using AdminPortal.Core.Integrations;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace AdminPortal.Web.Components.Integrations;

/// <summary>"Create storage integration": cloud, method, name, destination and the method's fields (every method of each cloud).</summary>
public sealed partial class AddIntegrationDialog
{
    [Inject] private SuggestIntegrationName Suggest { get; set; } = default!;
    [Inject] private MissingPortalIdentities MissingIdentities { get; set; } = default!;
    [Inject] private CreateIntegration Create { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    private readonly IntegrationForm form = new();
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private IReadOnlyList<string> general = [];
    private bool busy;
    private string suggestedName = "";

    // The portal's own identities that are not configured: the method using one says so before anything is created.
    private IReadOnlyDictionary<IntegrationAuthMethod, string> missingIdentities = new Dictionary<IntegrationAuthMethod, string>();

    // The next free name of each cloud, read before the form shows: choosing a cloud then sets its name at once,
    // with no answer still on its way that could overwrite a name typed right after (seen in a browser test).
    private Dictionary<IntegrationCloud, string>? suggestions;

    protected override async Task OnInitializedAsync()
    {
        editContext = new EditContext(form);
        messages = new ValidationMessageStore(editContext);
        var user = (await AuthenticationState).User;
        var names = new Dictionary<IntegrationCloud, string>();
        foreach (var cloud in Enum.GetValues<IntegrationCloud>())
        {
            names[cloud] = await Suggest.HandleAsync(user, cloud);
        }

        missingIdentities = await MissingIdentities.HandleAsync(user);
        suggestions = names;
        SuggestName();
    }

    private void ChangeCloud(IntegrationCloud cloud)
    {
        form.ChangeCloud(cloud);
        messages.Clear();
        general = [];
        SuggestName();
    }

    /// <summary>Proposes the next free name for the cloud, unless the user typed one of their own.</summary>
    private void SuggestName()
    {
        var suggestion = suggestions![form.Cloud];
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

            var outcome = await Create.HandleAsync((await AuthenticationState).User, command);
            if (outcome.Succeeded)
            {
                form.Secret = null;
                Dialog.Close(DialogResult.Ok(outcome.Value));
                return;
            }

            general = FormErrors.Apply(editContext, messages, IntegrationForm.OnFormFields(outcome));
        }
        finally
        {
            busy = false;
        }
    }
}
