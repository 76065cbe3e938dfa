using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>Immuta's exportConfig verbs as calls of the portal's API: an exportConfig is one integration plus one schedule.</summary>
public sealed class ExportConfigService(PortalClient portal, TimeProvider clock)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Creates the integration (the portal tests its connection), then the schedule; a refused schedule (the portal
    /// refuses one whose integration's test failed) removes the integration again.
    /// </summary>
    public async Task<ExportConfigView> CreateAsync(ExportConfigPlan plan, CancellationToken ct)
    {
        IntegrationItem integration;
        try
        {
            integration = await portal.PostAsync("api/integrations", plan.Integration,
                CliJsonContext.Default.CreateIntegrationRequest, CliJsonContext.Default.IntegrationItem, ct);
        }
        catch (PortalRefusedException e)
        {
            throw new ExportConfigRefusedException(e, plan);
        }

        try
        {
            var (workbookId, elementId) = await AuditLogWorkbook.EnsureAsync(portal, ct);
            var created = await portal.PostAsync("api/schedules",
                new CreateScheduleRequest(plan.ScheduleName ?? integration.Name, workbookId, elementId, integration.Id, plan.UriTemplate,
                    plan.Format, plan.Gzip, "Incremental", "EveryHours", plan.EveryHours, "UTC", plan.FirstRun, plan.IncludeIdentityColumns),
                CliJsonContext.Default.CreateScheduleRequest, CliJsonContext.Default.CreatedId, ct);
            var schedule = await portal.GetAsync($"api/schedules/{created.Id}", CliJsonContext.Default.ScheduleItem, ct);
            return ExportConfigView.From(schedule, integration);
        }
        catch (PortalRefusedException e)
        {
            // Half an exportConfig is worse than none: the next try with a fixed file would leave a stray integration.
            try
            {
                await portal.DeleteAsync($"api/integrations/{integration.Id}?deleteLinkedExports=true", CancellationToken.None);
            }
            catch (PortalRefusedException)
            {
                // The first refusal is the one to show; the integration stays visible in the portal's list.
            }

            throw new ExportConfigRefusedException(e, plan);
        }
    }

    /// <summary>The schedules of the "Audit log export" workbook: the exportConfigs the CLI created.</summary>
    public async Task<IReadOnlyList<ExportConfigView>> ListAsync(CancellationToken ct)
    {
        if (await AuditLogWorkbook.FindAsync(portal, ct) is not { } workbookId)
        {
            return [];
        }

        var schedules = await portal.GetAsync($"api/schedules?workbookId={workbookId}", CliJsonContext.Default.ListScheduleItem, ct);
        return [.. schedules.Select(s => ExportConfigView.From(s, null))];
    }

    /// <summary>The schedule alone (scope audit:read), without its integration's status (which needs admin).</summary>
    public async Task<ExportConfigView> ScheduleViewAsync(Guid id, CancellationToken ct) =>
        ExportConfigView.From(await ScheduleAsync(id, ct), null);

    public async Task<ExportConfigView> GetAsync(Guid id, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(id, ct);
        var integration = await portal.GetAsync($"api/integrations/{schedule.IntegrationId}", CliJsonContext.Default.IntegrationItem, ct);
        return ExportConfigView.From(schedule, integration);
    }

    /// <summary>
    /// Deletes the schedule, and its integration when no other schedule writes through it: then both go in the
    /// portal's one transaction (delete the integration with its linked exports). Answers whether the integration went too.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(id, ct);
        var linked = await portal.GetAsync($"api/integrations/{schedule.IntegrationId}/linked-exports", CliJsonContext.Default.ListLinkedExportItem, ct);
        if (linked.All(l => l.Id == id))
        {
            await portal.DeleteAsync($"api/integrations/{schedule.IntegrationId}?deleteLinkedExports=true", ct);
            return true;
        }

        await portal.DeleteAsync($"api/schedules/{id}", ct);
        return false;
    }

    public Task EnableAsync(Guid id, CancellationToken ct) => portal.PostAsync($"api/schedules/{id}/resume", ct);

    public Task DisableAsync(Guid id, CancellationToken ct) =>
        portal.PostAsync($"api/schedules/{id}/pause", new PauseRequest("Disabled with adminportal audit exportConfig disable."),
            CliJsonContext.Default.PauseRequest, ct);

    /// <summary>Test connection of the exportConfig's integration.</summary>
    public async Task<IntegrationTestAnswer> TestAsync(Guid id, CancellationToken ct)
    {
        var schedule = await ScheduleAsync(id, ct);
        return await portal.PostAsync($"api/integrations/{schedule.IntegrationId}/test", CliJsonContext.Default.IntegrationTestAnswer, ct);
    }

    /// <summary>Send now; with <paramref name="wait"/> polls the run until it ends (a failed run throws).</summary>
    public async Task<RunItem> SendNowAsync(Guid id, bool wait, Action<RunItem>? progress, CancellationToken ct)
    {
        var started = await portal.PostAsync($"api/schedules/{id}/send-now", CliJsonContext.Default.SendNowAnswer, ct);
        var run = await portal.GetAsync($"api/runs/{started.RunId}", CliJsonContext.Default.RunItem, ct);
        while (wait && IsRunning(run))
        {
            progress?.Invoke(run);
            await Task.Delay(PollEvery, clock, ct);
            run = await portal.GetAsync($"api/runs/{started.RunId}", CliJsonContext.Default.RunItem, ct);
        }

        if (wait && !string.Equals(run.Status, "Succeeded", StringComparison.OrdinalIgnoreCase))
        {
            throw new ExportRunFailedException(run);
        }

        return run;
    }

    public Task<List<RunItem>> RunsAsync(Guid id, CancellationToken ct) =>
        portal.GetAsync($"api/schedules/{id}/runs", CliJsonContext.Default.ListRunItem, ct);

    private Task<ScheduleItem> ScheduleAsync(Guid id, CancellationToken ct) =>
        portal.GetAsync($"api/schedules/{id}", CliJsonContext.Default.ScheduleItem, ct);

    private static bool IsRunning(RunItem run) => string.Equals(run.Status, "Running", StringComparison.OrdinalIgnoreCase);
}
