using AdminPortal.Core.Integrations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Radzen;

namespace AdminPortal.Web.Components.Integrations;

/// <summary>The storage integrations of General Settings &gt; Audit Logging: the list, Add, and each row's actions.</summary>
public sealed partial class IntegrationsSection
{
    [Inject] private ListIntegrations List { get; set; } = default!;
    [Inject] private TestIntegration Test { get; set; } = default!;
    [Inject] private Core.Notifications.NotificationService PortalNotifications { get; set; } = default!;
    [Inject] private IOptions<IntegrationsOptions> Options { get; set; } = default!;
    [Inject] private DialogService Dialogs { get; set; } = default!;
    [Inject] private NotificationService Toasts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private IReadOnlyList<IntegrationSummary> integrations = [];
    private bool loading = true;
    private Guid? testing;

    private bool EmailEnabled => PortalNotifications.EmailEnabled;

    private string HealthInterval => $"{Options.Value.HealthCheckIntervalHours:0.##} hours";

    protected override Task OnInitializedAsync() => ReloadAsync();

    private async Task ReloadAsync()
    {
        loading = true;
        integrations = await List.HandleAsync((await AuthenticationState).User);
        loading = false;
    }

    private async Task AddAsync()
    {
        if (await Dialogs.OpenAsync<AddIntegrationDialog>("Create a storage integration for audit logs", options: Wide) is IntegrationSummary created)
        {
            await ReloadAsync();
            Report(created, "created");
        }
    }

    private Task ViewCredentialsAsync(IntegrationSummary i) =>
        Dialogs.OpenAsync<CredentialsDialog>($"Credentials · {i.Name}", new() { [nameof(CredentialsDialog.IntegrationId)] = i.Id }, Wide);

    private async Task TestAsync(IntegrationSummary i)
    {
        testing = i.Id;
        try
        {
            var outcome = await Test.HandleAsync((await AuthenticationState).User, i.Id);
            await ReloadAsync();
            if (outcome.Value is { } tested)
            {
                Report(tested, "tested");
            }
            else
            {
                Toasts.Notify(NotificationSeverity.Warning, "Not tested", string.Join(" ", outcome.AllMessages));
            }
        }
        finally
        {
            testing = null;
        }
    }

    private async Task EditAsync(IntegrationSummary i)
    {
        if (await Dialogs.OpenAsync<EditDestinationDialog>($"Edit destination · {i.Name}",
                new() { [nameof(EditDestinationDialog.IntegrationId)] = i.Id }, Wide) is IntegrationSummary edited)
        {
            await ReloadAsync();
            Report(edited, "updated");
        }
    }

    private async Task DeleteAsync(IntegrationSummary i)
    {
        if (await Dialogs.OpenAsync<DeleteIntegrationDialog>($"Delete integration · {i.Name}",
                new() { [nameof(DeleteIntegrationDialog.IntegrationId)] = i.Id }, Wide) is true)
        {
            await ReloadAsync();
            Toasts.Notify(NotificationSeverity.Success, "Integration deleted", i.Name);
        }
    }

    /// <summary>A toast with the connection test the use case ran (on create, edit and test).</summary>
    private void Report(IntegrationSummary i, string what)
    {
        if (i.LastTestSucceeded)
        {
            Toasts.Notify(NotificationSeverity.Success, $"{i.Name} {what}", "Connection test: SUCCESS");
        }
        else
        {
            Toasts.Notify(NotificationSeverity.Warning, $"{i.Name} {what}, but the connection test failed", i.LastTestStatus ?? "");
        }
    }

    private static DialogOptions Wide => new() { Width = "760px", CloseDialogOnEsc = true, Resizable = true };
}
