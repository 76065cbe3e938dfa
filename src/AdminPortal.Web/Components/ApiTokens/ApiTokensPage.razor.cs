using AdminPortal.Core.ApiTokens;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using AdminPortal.Web.Components.Integrations;
using AdminPortal.Web.Components.Shared;

namespace AdminPortal.Web.Components.ApiTokens;

/// <summary>A user's API tokens: create (shown once), list, revoke; an Admin may list and revoke everyone's.</summary>
public partial class ApiTokensPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private RevokeApiToken Revoke { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private PortalDialogs Dialogs { get; set; } = default!;
    [Inject] private PortalToasts Toasts { get; set; } = default!;

    /// <summary>Everyone's tokens (Admins), in the URL so that the view can be bookmarked.</summary>
    [SupplyParameterFromQuery(Name = "all")] private bool All { get; set; }

    private ApiTokensGrid? grid;
    private CreatedApiToken? created;

    private Task ReloadAsync() => grid?.ReloadAsync() ?? Task.CompletedTask;

    private void ShowAll(bool all) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("all", all ? "true" : null));

    private async Task OnCreatedAsync(CreatedApiToken token)
    {
        created = token;
        await ReloadAsync();
    }

    private async Task CopyAsync()
    {
        if (created is not null)
        {
            await Clipboard.CopyAsync(JS, Toasts, "The token", created.Token);
        }
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        if (!await Dialogs.ConfirmAsync("Revoke token", $"Whatever uses “{token.Name}” will be refused from now on.", "Revoke"))
        {
            return;
        }

        var result = await Revoke.HandleAsync((await AuthenticationState).User, token.Id);
        if (!result.Succeeded)
        {
            Toasts.Error("Not revoked: " + string.Join(" ", result.AllMessages));
        }

        await ReloadAsync();
    }
}
