using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>
/// Retention as a Quartz job, for a cluster of nodes on PostgreSQL: the clustered store hands each firing to one node,
/// so old events are removed once per interval cluster-wide, not by every node at once
/// (<see cref="AuditRetentionService"/> does the same on one SQLite portal).
/// </summary>
[DisallowConcurrentExecution]
public sealed class AuditRetentionJob(AuditRetention retention, ILogger<AuditRetentionJob> logger) : IJob
{
    public static readonly JobKey Key = new("audit-retention", "portal");

    public static readonly TriggerKey TriggerKey = new("audit-retention", "portal");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await retention.RunOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Retention failed; it runs again at the next interval");
        }
    }
}
