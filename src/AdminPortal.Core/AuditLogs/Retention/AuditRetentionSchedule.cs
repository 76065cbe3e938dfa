using AdminPortal.Core.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>At start, on PostgreSQL: retention's job every Retention:IntervalMinutes in Quartz's shared store, once for all nodes.</summary>
public sealed class AuditRetentionSchedule(ISchedulerFactory schedulers, IOptions<RetentionOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => ClusterWideSchedule.EnsureAsync<AuditRetentionJob>(
        schedulers, AuditRetentionJob.Key, AuditRetentionJob.TriggerKey, TimeSpan.FromMinutes(options.Value.IntervalMinutes), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
