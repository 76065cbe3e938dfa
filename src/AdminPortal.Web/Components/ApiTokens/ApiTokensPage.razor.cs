using AdminPortal.Core.ApiTokens;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using Radzen;

namespace AdminPortal.Web.Components.ApiTokens;

/// <summary>A user's API tokens: create (shown once), list, revoke; an Admin may list and revoke everyone's.</summary>
public partial class ApiTokensPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private ListApiTokens List { get; set; } = default!;
    [Inject] private RevokeApiToken Revoke { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;

    /// <summary>Everyone's tokens (Admins), in the URL so that the view can be bookmarked.</summary>
    [SupplyParameterFromQuery(Name = "all")] private bool All { get; set; }

    private IReadOnlyList<ApiTokenSummary> tokens = [];
    private bool loading = true;
    private CreatedApiToken? created;

    protected override Task OnParametersSetAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        loading = true;
        tokens = await List.HandleAsync((await AuthenticationState).User, All);
        loading = false;
    }

    private void ShowAll(bool all) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("all", all ? "true" : null));

    private async Task OnCreatedAsync(CreatedApiToken token)
    {
        created = token;
        await ReloadAsync();
    }

    private async Task CopyAsync()
    {
        await JS.InvokeVoidAsync("adminPortal.copyText", created?.Token);
        Notifications.Notify(NotificationSeverity.Info, "Copied", "The token is on the clipboard.");
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        if (await Dialogs.Confirm($"Whatever uses “{token.Name}” will be refused from now on.", "Revoke token",
                new ConfirmOptions { OkButtonText = "Revoke", CancelButtonText = "Cancel" }) != true)
        {
            return;
        }

        var result = await Revoke.HandleAsync((await AuthenticationState).User, token.Id);
        if (!result.Succeeded)
        {
            Notifications.Notify(NotificationSeverity.Error, "Not revoked", string.Join(" ", result.AllMessages));
        }

        await ReloadAsync();
    }
}
