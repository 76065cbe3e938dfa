using Quartz;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>
/// A job registered only by the cluster test: records each execution; a job whose data says "hold" keeps running until
/// the test releases it or its scheduler is shut down under it, like an export that is mid-run when its node dies.
/// </summary>
public sealed class ClusterTestJob(ClusterFirings firings) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        firings.All.Enqueue(new ClusterFiring(context.Scheduler.SchedulerInstanceId, context.Recovering ? context.RecoveringTriggerKey.Name : context.Trigger.Key.Name,
            context.ScheduledFireTimeUtc ?? default, context.FireInstanceId, context.Recovering));
        if (context.MergedJobDataMap.ContainsKey("hold") && !context.Recovering)
        {
            await firings.Release.Task.WaitAsync(cancellationToken);
        }
        else
        {
            // Long enough that the other node could take the same firing if the cluster let it.
            await Task.Delay(300, cancellationToken);
        }
    }
}
