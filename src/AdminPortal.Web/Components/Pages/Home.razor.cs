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
/// The page an admin opens first: events today and over 24 hours (a chart per hour), the ingestion rate, the exports'
/// next runs and last failures, the integrations and their health, and the exports holding retention back. Each part
/// is read through its use case, which checks the role in the database; a part the user's role does not allow is not shown.
/// </summary>
public partial class Home
{
    private OverviewEvents? events;
    private IReadOnlyList<ScheduledExportSummary>? exports;
    private IReadOnlyList<ExportFailure>? failures;
    private IReadOnlyList<IntegrationSummary>? integrations;
    private RetentionHeldBack? retention;

    [Inject] private AuditLogExplorer Explorer { get; set; } = default!;
    [Inject] private ReadIngestionRate IngestionRate { get; set; } = default!;
    [Inject] private ScheduledExportService Schedules { get; set; } = default!;
    [Inject] private ListExportFailures Failures { get; set; } = default!;
    [Inject] private ListIntegrations Integrations { get; set; } = default!;
    [Inject] private ListRetentionHolds RetentionHolds { get; set; } = default!;

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
            failures = await AllowedAsync(() => Failures.HandleAsync(user));
        }

        if (user.IsInRole(PortalRoles.Admin))
        {
            integrations = await AllowedAsync(() => Integrations.HandleAsync(user));
            retention = await AllowedAsync(() => RetentionHolds.HandleAsync(user));
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
        return new OverviewEvents(today, last24, hours, await IngestionRate.HandleAsync(user));
    }

    internal static bool NeedsAttention(IntegrationSummary i) => !i.LastTestSucceeded || i.ConsecutiveFailures > 0;

    private static string Health(IntegrationSummary i) =>
        i.LastTestStatus is null ? "Not tested" : NeedsAttention(i) ? "Failing" : "Healthy";

    private static Color HealthColor(IntegrationSummary i) =>
        i.LastTestStatus is null ? Color.Warning : NeedsAttention(i) ? Color.Error : Color.Success;

    private static string HealthText(IntegrationSummary i) => i.LastTestStatus is null
        ? "never tested"
        : NeedsAttention(i)
            ? $"{i.LastTestHint ?? Shared.PortalToasts.OneLine(i.LastTestStatus)}" + (i.ConsecutiveFailures > 0 ? $" ({i.ConsecutiveFailures} failed checks in a row)" : "")
            : i.LastTestedAtUtc is { } at ? $"checked {When(at)}" : "";

    private static string Count(AuditPage page) =>
        page.Total.ToString("N0", CultureInfo.InvariantCulture) + (page.TotalIsLowerBound ? "+" : "");

    private static string PerMinute(IngestionRate rate) =>
        rate.PerMinute.ToString(rate.PerMinute is > 0 and < 10 ? "N1" : "N0", CultureInfo.InvariantCulture) + (rate.LastHourIsLowerBound ? "+" : "");

    private int DaysPast(RetentionHold h) => Math.Max(1, (int)Math.Ceiling((retention!.CutoffUtc - h.OldestUndeliveredUtc).TotalDays));

    private static string When(DateTime? utc) =>
        utc is { } t ? t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    private static string RoleOf(ClaimsPrincipal user) =>
        PortalRoles.All.FirstOrDefault(user.IsInRole) ?? "no role";
}
