using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// At start, on PostgreSQL: stores the health check's job and its repeating trigger in Quartz's shared store, once
/// for all nodes. A trigger already there with the same period is kept (a node joining does not move the cluster's
/// next check); a changed period replaces it, first firing at once.
/// </summary>
public sealed class IntegrationHealthCheckSchedule(ISchedulerFactory schedulers, IOptions<IntegrationsOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var period = IntegrationHealthCheckService.WakePeriod(options.Value);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (await scheduler.GetTrigger(IntegrationHealthCheckJob.TriggerKey, cancellationToken) is ISimpleTrigger existing && existing.RepeatInterval == period)
        {
            return;
        }

        var job = JobBuilder.Create<IntegrationHealthCheckJob>().WithIdentity(IntegrationHealthCheckJob.Key).StoreDurably(true).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(IntegrationHealthCheckJob.TriggerKey).ForJob(job).StartNow()
            // Due integrations are found by their last test time: a wake-up missed while no node ran is not made up.
            .WithSimpleSchedule(s => s.WithInterval(period).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
