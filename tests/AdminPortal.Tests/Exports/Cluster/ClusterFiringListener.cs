using Quartz;
using Quartz.Extensibility;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>Records each execution of a portal job (one the test cannot change) on the node that ran it.</summary>
public sealed class ClusterFiringListener(ClusterFirings firings) : IJobListener
{
    public string Name => "cluster-test";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        firings.All.Enqueue(new ClusterFiring(context.Scheduler.SchedulerInstanceId, context.Trigger.Key.Name,
            context.ScheduledFireTimeUtc ?? default, context.FireInstanceId, context.Recovering));
        return ValueTask.CompletedTask;
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
