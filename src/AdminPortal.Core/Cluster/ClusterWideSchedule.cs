using Quartz;

namespace AdminPortal.Core.Cluster;

/// <summary>
/// A periodic "one node does it" job in Quartz's shared clustered store: stored once for all nodes, each firing run by
/// one node. A trigger already there with the same period is kept (a node joining does not move the cluster's next
/// run); a changed period replaces it, first firing at once. A firing missed while no node ran is not made up: these
/// jobs find their work by what is due when they run.
/// </summary>
public static class ClusterWideSchedule
{
    public static async Task EnsureAsync<TJob>(ISchedulerFactory schedulers, JobKey job, TriggerKey trigger, TimeSpan period, CancellationToken ct)
        where TJob : IJob
    {
        var scheduler = await schedulers.GetScheduler(ct);
        if (await scheduler.GetTrigger(trigger, ct) is ISimpleTrigger existing && existing.RepeatInterval == period)
        {
            return;
        }

        var detail = JobBuilder.Create<TJob>().WithIdentity(job).StoreDurably(true).Build();
        var repeating = TriggerBuilder.Create().WithIdentity(trigger).ForJob(detail).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(period).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(detail, [repeating], new ScheduleJobOptions { Replace = true }, ct);
    }
}
