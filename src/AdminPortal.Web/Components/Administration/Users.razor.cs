using AdminPortal.Core.Common;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using AdminPortal.Web.Components.Shared;
using MudBlazor;

namespace AdminPortal.Web.Components.Administration;

public partial class Users
{
    private static readonly List<BreadcrumbItem> Breadcrumb =
    [
        new("Administration", href: null, disabled: true),
        new("Users", href: null, disabled: true),
    ];

    private static readonly int[] PageSizes = [25, 50, 100];

    private readonly GridPages<UserSummary> pages = new();
    private MudDataGrid<UserSummary>? grid;

    [Inject] private UserAdministration Administration { get; set; } = default!;
    [Inject] private PortalDialogs Dialogs { get; set; } = default!;
    [Inject] private PortalToasts Toasts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private Task<GridData<UserSummary>> LoadAsync(GridState<UserSummary> state, CancellationToken ct) =>
        pages.LoadAsync(state, async query => await Administration.PageAsync((await AuthenticationState).User, query, ct), ct);

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task AddUserAsync()
    {
        if (await Dialogs.OpenAsync<AddUserDialog, string>("Add user") is { } email)
        {
            Toasts.Success($"User added: {email} can now sign in.");
            await ReloadAsync();
        }
    }

    private async Task ChangeRoleAsync(UserSummary user, string role)
    {
        var actor = (await AuthenticationState).User;
        var result = await Administration.ChangeRoleAsync(actor, user.Id, role);
        Report(result, "Role changed", $"{user.Email} is now {role}.");
        await ReloadAsync();
    }

    private async Task SetDisabledAsync(UserSummary user, bool disabled)
    {
        if (disabled)
        {
            if (!await Dialogs.ConfirmAsync("Disable user", $"{user.Email} will be signed out and cannot sign in until enabled again.", "Disable"))
            {
                return;
            }
        }

        var actor = (await AuthenticationState).User;
        var result = await Administration.SetDisabledAsync(actor, user.Id, disabled);
        Report(result, disabled ? "User disabled" : "User enabled", user.Email);
        await ReloadAsync();
    }

    private async Task UnlockAsync(UserSummary user)
    {
        var actor = (await AuthenticationState).User;
        var result = await Administration.UnlockAsync(actor, user.Id);
        Report(result, "User unlocked", $"{user.Email} can sign in again.");
        await ReloadAsync();
    }

    private void Report(Result result, string summary, string detail)
    {
        if (result.Succeeded)
        {
            Toasts.Success($"{summary}: {detail}");
        }
        else
        {
            Toasts.Error("Not changed: " + string.Join(" ", result.AllMessages));
        }
    }
}
