using AdminPortal.Core.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// At start, on PostgreSQL: the health check's job and its repeating trigger in Quartz's shared store, once for all
/// nodes (<see cref="ClusterWideSchedule"/>). Due integrations are found by their last test time: a wake-up missed
/// while no node ran is not made up.
/// </summary>
public sealed class IntegrationHealthCheckSchedule(ISchedulerFactory schedulers, IOptions<IntegrationsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ClusterWideSchedule.EnsureAsync<IntegrationHealthCheckJob>(
        schedulers, IntegrationHealthCheckJob.Key, IntegrationHealthCheckJob.TriggerKey, IntegrationHealthCheckService.WakePeriod(options.Value), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
