using System.Globalization;
using System.Security.Claims;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminPortal.Web.Components.Pages;

/// <summary>
/// The page an admin opens first: events today and over 24 hours, the exports' last and next runs and failures, the
/// integrations that need attention. Each part is read through its use case, which checks the role in the database;
/// a part the user's role does not allow is not shown.
/// </summary>
public partial class Home
{
    private OverviewEvents? events;
    private IReadOnlyList<ScheduledExportSummary>? exports;
    private IReadOnlyList<IntegrationSummary>? integrations;

    [Inject] private AuditLogExplorer Explorer { get; set; } = default!;
    [Inject] private ScheduledExportService Schedules { get; set; } = default!;
    [Inject] private ListIntegrations Integrations { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        // The principal's roles only choose what to ask for; the use cases check the database's word, and a part they
        // refuse (a role taken away since the sign-in) is left out rather than failing the whole page.
        if (PortalRoles.All.Any(user.IsInRole))
        {
            events = await AllowedAsync(() => EventsAsync(user));
            exports = await AllowedAsync(() => Schedules.ListAsync(user, null));
        }

        if (user.IsInRole(PortalRoles.Admin))
        {
            integrations = await AllowedAsync(() => Integrations.HandleAsync(user));
        }
    }

    private static async Task<T?> AllowedAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task<OverviewEvents> EventsAsync(ClaimsPrincipal user)
    {
        var now = Explorer.UtcNow;
        var today = await Explorer.PageAsync(user, new ExplorerState { Range = "custom", FromUtc = now.Date }, 0, 1);
        var day = new ExplorerState { Range = "24h" };
        var last24 = await Explorer.PageAsync(user, day, 0, 1);
        var hours = await Explorer.HistogramAsync(user, day);
        return new OverviewEvents(today, last24, hours);
    }

    internal static bool NeedsAttention(IntegrationSummary i) => !i.LastTestSucceeded || i.ConsecutiveFailures > 0;

    private static string AttentionText(IntegrationSummary i) => i.LastTestStatus is null
        ? "never tested"
        : $"{i.LastTestHint ?? i.LastTestStatus}" + (i.ConsecutiveFailures > 0 ? $" ({i.ConsecutiveFailures} failed checks in a row)" : "");

    private static string Count(AuditPage page) =>
        page.Total.ToString("N0", CultureInfo.InvariantCulture) + (page.TotalIsLowerBound ? "+" : "");

    private static string When(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    private static Color StatusColor(ExportRunStatus? status) => status switch
    {
        ExportRunStatus.Succeeded => Color.Success,
        ExportRunStatus.Failed or ExportRunStatus.Interrupted => Color.Error,
        _ => Color.Info,
    };

    private static string RoleOf(ClaimsPrincipal user) =>
        PortalRoles.All.FirstOrDefault(user.IsInRole) ?? "no role";
}
