using AdminPortal.Core.Integrations;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AdminPortal.Web.Components.Integrations;

/// <summary>
/// The storage integrations of General Settings &gt; Audit Logging: the list, Create storage integration, and each
/// row's actions (View credentials holds Edit Destination and Delete integration, as in Sigma; the row keeps shortcuts).
/// </summary>
public sealed partial class IntegrationsSection
{
    [Inject] private ListIntegrations List { get; set; } = default!;
    [Inject] private TestIntegration Test { get; set; } = default!;
    [Inject] private Core.Notifications.NotificationService PortalNotifications { get; set; } = default!;
    [Inject] private IOptions<IntegrationsOptions> Options { get; set; } = default!;
    [Inject] private PortalDialogs Dialogs { get; set; } = default!;
    [Inject] private PortalToasts Toasts { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private MudDataGrid<IntegrationSummary>? grid;
    private Guid? testing;

    private bool EmailEnabled => PortalNotifications.EmailEnabled;

    private string HealthInterval => $"{Options.Value.HealthCheckIntervalHours:0.##} hours";

    private async Task<GridData<IntegrationSummary>> LoadAsync(GridState<IntegrationSummary> state, CancellationToken ct)
    {
        var integrations = await List.HandleAsync((await AuthenticationState).User, ct);
        return new GridData<IntegrationSummary> { Items = integrations, TotalItems = integrations.Count };
    }

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task AddAsync()
    {
        if (await Dialogs.OpenAsync<AddIntegrationDialog, IntegrationSummary>("Create storage integration", maxWidth: MaxWidth.Medium) is { } created)
        {
            await ReloadAsync();
            Report($"{created.Name} created", created);
        }
    }

    private async Task ViewCredentialsAsync(IntegrationSummary i)
    {
        var action = await Dialogs.OpenAsync<CredentialsDialog, CredentialsAction?>($"View credentials · {i.Name}",
            new Dictionary<string, object?> { [nameof(CredentialsDialog.IntegrationId)] = i.Id }, MaxWidth.Medium);
        switch (action)
        {
            case CredentialsAction.EditDestination:
                await EditAsync(i);
                break;
            case CredentialsAction.Delete:
                await DeleteAsync(i);
                break;
        }
    }

    private async Task TestAsync(IntegrationSummary i)
    {
        testing = i.Id;
        try
        {
            var outcome = await Test.HandleAsync((await AuthenticationState).User, i.Id);
            await ReloadAsync();
            if (outcome.Value is { } tested)
            {
                Report($"{tested.Name} tested", tested);
            }
            else
            {
                Toasts.Error("Not tested: " + string.Join(" ", outcome.AllMessages));
            }
        }
        finally
        {
            testing = null;
        }
    }

    private async Task EditAsync(IntegrationSummary i)
    {
        if (await Dialogs.OpenAsync<EditDestinationDialog, IntegrationSummary>($"Edit Destination · {i.Name}",
                new Dictionary<string, object?> { [nameof(EditDestinationDialog.IntegrationId)] = i.Id }, MaxWidth.Medium) is { } edited)
        {
            await ReloadAsync();
            Report($"Cloud destination updated: {edited.Name}", edited);
        }
    }

    private async Task DeleteAsync(IntegrationSummary i)
    {
        if (await Dialogs.OpenAsync<DeleteIntegrationDialog, bool>($"Delete integration · {i.Name}",
                new Dictionary<string, object?> { [nameof(DeleteIntegrationDialog.IntegrationId)] = i.Id }, MaxWidth.Medium) is true)
        {
            await ReloadAsync();
            Toasts.Success($"Integration deleted: {i.Name}");
        }
    }

    /// <summary>A pop-up with the connection test the use case ran (on create, edit and test): one line, the cloud's code first.</summary>
    private void Report(string done, IntegrationSummary i)
    {
        if (i.LastTestSucceeded)
        {
            Toasts.Success($"{done} · connection test: SUCCESS");
        }
        else
        {
            Toasts.Warning($"{done}, but the connection test failed: {PortalToasts.OneLine(i.LastTestStatus ?? "")}");
        }
    }
}
