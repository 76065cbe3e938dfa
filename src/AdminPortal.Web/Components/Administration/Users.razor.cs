using AdminPortal.Core.Common;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Radzen;

namespace AdminPortal.Web.Components.Administration;

public partial class Users
{
    private IReadOnlyList<UserSummary> users = [];
    private bool loading = true;

    [Inject] private UserAdministration Administration { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Notifications { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        loading = true;
        var actor = (await AuthenticationState).User;
        users = await Administration.ListAsync(actor);
        loading = false;
    }

    private async Task AddUserAsync()
    {
        var created = await Dialogs.OpenAsync<AddUserDialog>("Add user", options: new DialogOptions { Width = "480px" });
        if (created is string email)
        {
            Notifications.Notify(NotificationSeverity.Success, "User added", $"{email} can now sign in.");
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
            var confirmed = await Dialogs.Confirm(
                $"{user.Email} will be signed out and cannot sign in until enabled again.",
                "Disable user", new ConfirmOptions { OkButtonText = "Disable", CancelButtonText = "Cancel" });
            if (confirmed != true)
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
            Notifications.Notify(NotificationSeverity.Success, summary, detail);
        }
        else
        {
            Notifications.Notify(new NotificationMessage
            {
                Severity = NotificationSeverity.Error,
                Summary = "Not changed",
                Detail = string.Join(" ", result.AllMessages),
                Duration = 10000,
            });
        }
    }
}
