using AdminPortal.Core.Cluster;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>
/// Retention as a Quartz job, for a cluster of nodes on PostgreSQL: the clustered store hands each firing to one node,
/// so old events are removed once per interval cluster-wide, not by every node at once
/// (<see cref="AuditRetentionService"/> does the same on one SQLite portal).
/// </summary>
[DisallowConcurrentExecution]
public sealed class AuditRetentionJob(AuditRetention retention, ILogger<AuditRetentionJob> logger) : ClusterWideJob(logger)
{
    public static readonly JobKey Key = new("audit-retention", "portal");

    public static readonly TriggerKey TriggerKey = new("audit-retention", "portal");

    protected override string What => "Retention";

    protected override Task RunOnceAsync(CancellationToken ct) => retention.RunOnceAsync(ct);
}
