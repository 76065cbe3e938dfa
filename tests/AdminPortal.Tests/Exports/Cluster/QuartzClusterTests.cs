using AdminPortal.Core;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AdminPortal.Tests.Exports.Cluster;

/// <summary>
/// Two portal nodes on one PostgreSQL database, each with the Quartz scheduler the portal's own registration
/// (AddPortalCore with Database:Provider = PostgreSQL) builds: one trigger, every firing run once across both; a node
/// shut down mid-job is found dead by the other through its missed check-ins, which runs the job again as a recovery.
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

    private async Task<IScheduler> StartNodeAsync()
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(database.Settings())
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Exports:ClusterCheckinSeconds"] = "1" }).Build();
        var node = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(settings)
            .AddSingleton<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider())
            .AddPortalCore(settings)
            .AddSingleton(firings)
            .AddTransient<ClusterTestJob>()
            .BuildServiceProvider();
        nodes.Add(node);
        var scheduler = await node.GetRequiredService<ISchedulerFactory>().GetScheduler();
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
