using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Integrations;
using AdminPortal.Tests.Infrastructure.Databases;
using AdminPortal.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>
/// Two portal nodes on one PostgreSQL database, each with the Quartz scheduler the portal's own registration
/// (AddPortalCore with Database:Provider = PostgreSQL) builds: one trigger, every firing run once across both; a node
/// shut down mid-job is found dead by the other through its missed check-ins, which runs the job again as a recovery. The
/// "one node does it" periodic jobs (the integration health check) run once per firing cluster-wide.
/// </summary>
public sealed class QuartzClusterTests : IAsyncLifetime
{
    private readonly ClusterFirings firings = new();
    private readonly List<ServiceProvider> nodes = [];
    private TestDatabase database = null!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSQL);

    public async Task DisposeAsync()
    {
        firings.Release.TrySetResult();
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    [Fact]
    public async Task Two_nodes_sharing_one_trigger_run_each_firing_exactly_once()
    {
        var a = await StartNodeAsync();
        var b = await StartNodeAsync();
        Assert.NotEqual(a.SchedulerInstanceId, b.SchedulerInstanceId);
        Assert.Equal(a.SchedulerName, b.SchedulerName);

        var job = JobBuilder.Create<ClusterTestJob>().WithIdentity("every-second", "cluster-test").Build();
        var trigger = TriggerBuilder.Create().WithIdentity("every-second", "cluster-test").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(1)).WithRepeatCount(7)).Build();
        await a.ScheduleJob(job, trigger);

        // Eight firings, one a second: done after about 7 s (plus the 300 ms each runs).
        await WaitUntilAsync(() => firings.All.Count >= 8, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a duplicate would show up within this

        var byFiring = firings.All.GroupBy(f => f.ScheduledFireTimeUtc).ToList();
        Assert.Equal(8, byFiring.Count);
        Assert.All(byFiring, g => Assert.Single(g));
    }

    [Fact]
    public async Task A_node_shut_down_mid_job_is_found_dead_by_the_other_which_runs_the_job_again_as_a_recovery()
    {
        var a = await StartNodeAsync();
        var job = JobBuilder.Create<ClusterTestJob>().WithIdentity("held", "cluster-test").UsingJobData("hold", true).RequestRecovery(true).Build();
        await a.ScheduleJob(job, TriggerBuilder.Create().WithIdentity("held", "cluster-test").StartNow().Build());
        await WaitUntilAsync(() => !firings.All.IsEmpty, TimeSpan.FromSeconds(30));
        Assert.Equal(a.SchedulerInstanceId, Assert.Single(firings.All).Node);

        // A second node joins while A is mid-job: it must leave A's firing alone while A checks in.
        var b = await StartNodeAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(firings.All);

        // A stops without finishing its job and without telling the cluster, as a killed process leaves its row in
        // qrtz_fired_triggers. With check-ins every second here, B declares A dead about 2 s after A's last check-in.
        await a.Shutdown(waitForJobsToComplete: false);
        await WaitUntilAsync(() => firings.All.Count >= 2, TimeSpan.FromSeconds(40));
        var recovery = firings.All.Last();
        Assert.Equal(b.SchedulerInstanceId, recovery.Node);
        Assert.True(recovery.Recovering);
        Assert.Equal("held", recovery.Trigger);
    }

    [Fact]
    public Task The_integration_health_check_is_one_job_in_the_shared_store_and_its_firing_runs_on_one_node_only() =>
        OneFiringClusterWideAsync<IntegrationHealthCheckSchedule, IntegrationHealthCheckService>(IntegrationHealthCheckJob.Key, IntegrationHealthCheckJob.TriggerKey, TimeSpan.FromMinutes(10));

    [Fact]
    public Task Retention_is_one_job_in_the_shared_store_and_its_firing_runs_on_one_node_only() =>
        OneFiringClusterWideAsync<AuditRetentionSchedule, AuditRetentionService>(AuditRetentionJob.Key, AuditRetentionJob.TriggerKey, TimeSpan.FromMinutes(60));

    /// <summary>A "one node does it" job: stored once by both nodes' start, its first firing run by one node only.</summary>
    private async Task OneFiringClusterWideAsync<TSchedule, TTimer>(JobKey job, TriggerKey trigger, TimeSpan period)
        where TSchedule : IHostedService
    {
        await using (var db = database.NewContext())
        {
            await PortalMigrations.MigrateAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }

        // Both nodes start as the portal does: their schedules, then their schedulers.
        var a = await StartNodeAsync(typeof(TSchedule), typeof(TTimer));
        var b = await StartNodeAsync(typeof(TSchedule), typeof(TTimer));
        Assert.NotEqual(a.SchedulerInstanceId, b.SchedulerInstanceId);

        // The first firing is due at once; the next one a period later, so any second execution is a duplicate.
        await WaitUntilAsync(() => !firings.All.IsEmpty, TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(4));

        var run = Assert.Single(firings.All);
        Assert.Equal(trigger.Name, run.Trigger);
        var triggers = await b.GetTriggersOfJob(job);
        Assert.Equal(period, Assert.IsAssignableFrom<ISimpleTrigger>(Assert.Single(triggers)).RepeatInterval);
    }

    private async Task<IScheduler> StartNodeAsync(Type? schedule = null, Type? timer = null)
    {
        var services = CoreNode.Services(database);
        services.AddSingleton(firings).AddTransient<ClusterTestJob>();
        var node = services.BuildServiceProvider();
        nodes.Add(node);
        var scheduler = await node.GetRequiredService<ISchedulerFactory>().GetScheduler();
        if (schedule is not null)
        {
            // On PostgreSQL the portal starts the shared schedule and no per-node timer (the other hosted services need the web host).
            Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == schedule);
            Assert.DoesNotContain(services, d => d.ImplementationType == timer);
            await ((IHostedService)ActivatorUtilities.CreateInstance(node, schedule)).StartAsync(CancellationToken.None);
            scheduler.ListenerManager.AddJobListener(new ClusterFiringListener(firings), [GroupMatcher<JobKey>.AnyGroup()]);
        }

        await scheduler.Start();
        return scheduler;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(100);
        }
    }
}
