using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports.Scheduling;

/// <summary>
/// On PostgreSQL, every check-in interval: runs of a node that died (killed, its machine lost) become Interrupted once
/// Quartz has found the node dead, on whichever node looks first. The next firing (or Quartz's recovery of the dead
/// node's job) then exports the window again under the same names.
/// </summary>
internal sealed class OrphanedRunSweep(ExportEngine engine, IOptions<ExportOptions> options, TimeProvider clock, ILogger<OrphanedRunSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ClusterCheckinSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await engine.MarkInterruptedRunsAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Looking for export runs of dead nodes failed; it looks again at the next check-in");
            }
        }
    }
}
