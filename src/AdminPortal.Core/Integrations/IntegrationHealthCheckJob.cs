using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// The integration health check as a Quartz job, for a cluster of nodes on PostgreSQL: the clustered store hands each
/// firing to one node, so the due integrations are re-tested once per wake-up cluster-wide, not once per node
/// (<see cref="IntegrationHealthCheckService"/> does the same on one SQLite portal).
/// </summary>
[DisallowConcurrentExecution]
public sealed class IntegrationHealthCheckJob(CheckIntegrationHealth healthCheck, ILogger<IntegrationHealthCheckJob> logger) : IJob
{
    public static readonly JobKey Key = new("integration-health", "portal");

    public static readonly TriggerKey TriggerKey = new("integration-health", "portal");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await healthCheck.CheckDueAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The integration health check failed; it runs again at the next wake-up");
        }
    }
}
