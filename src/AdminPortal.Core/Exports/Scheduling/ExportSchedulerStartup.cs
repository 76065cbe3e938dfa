using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports.Scheduling;

/// <summary>
/// Before Quartz starts firing: runs a stopped portal left Running become Interrupted (their windows are exported
/// again, under the same names, by the recovery firing or the next run), then Quartz's store is reconciled with the
/// schedules. Registered before Quartz's hosted service, so it finishes first.
/// </summary>
internal sealed class ExportSchedulerStartup(ExportEngine engine, ExportScheduler scheduler, ILogger<ExportSchedulerStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await engine.MarkInterruptedRunsAsync(cancellationToken);
        if (interrupted > 0)
        {
            logger.LogWarning("{Count} export run(s) were cut short when the portal stopped; they are marked Interrupted", interrupted);
        }

        await scheduler.ReconcileAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
