using AdminPortal.Core.Cluster;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// The integration health check as a Quartz job, for a cluster of nodes on PostgreSQL: the clustered store hands each
/// firing to one node, so the due integrations are re-tested once per wake-up cluster-wide, not once per node
/// (<see cref="IntegrationHealthCheckService"/> does the same on one SQLite portal).
/// </summary>
[DisallowConcurrentExecution]
public sealed class IntegrationHealthCheckJob(CheckIntegrationHealth healthCheck, ILogger<IntegrationHealthCheckJob> logger) : ClusterWideJob(logger)
{
    public static readonly JobKey Key = new("integration-health", "portal");

    public static readonly TriggerKey TriggerKey = new("integration-health", "portal");

    protected override string What => "The integration health check";

    protected override Task RunOnceAsync(CancellationToken ct) => healthCheck.CheckDueAsync(ct);
}
