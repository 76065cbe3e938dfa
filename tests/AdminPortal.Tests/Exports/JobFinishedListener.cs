using Quartz;
using Quartz.Extensibility;

namespace AdminPortal.Tests.Exports;

/// <summary>
/// Watches one portal job on the real scheduler: how many of its firings Quartz has started and finished executing,
/// whatever the job decided (a run, or a skipped firing). A test then checks what the firings left, instead of sleeping
/// for a while in the hope they are done.
/// </summary>
internal sealed class JobFinishedListener : IJobListener, IDisposable
{
    private readonly IScheduler scheduler;
    private readonly JobKey key;
    private readonly TaskCompletionSource firstFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int started;
    private int finished;

    private JobFinishedListener(IScheduler scheduler, JobKey key)
    {
        this.scheduler = scheduler;
        this.key = key;
        scheduler.ListenerManager.AddJobListener(this, [GroupMatcher<JobKey>.AnyGroup()]);
    }

    public string Name { get; } = "test-finished-" + Guid.NewGuid().ToString("N");

    /// <summary>Firings finished so far.</summary>
    public int Finished => Volatile.Read(ref finished);

    /// <summary>No firing of the job is executing now.</summary>
    public bool Idle => Volatile.Read(ref started) == Volatile.Read(ref finished);

    /// <summary>Starts watching <paramref name="key"/>'s firings; dispose to stop.</summary>
    public static JobFinishedListener Watch(IScheduler scheduler, JobKey key) => new(scheduler, key);

    /// <summary>Fires the job now and waits until Quartz has executed that firing.</summary>
    public static async Task FireAsync(IScheduler scheduler, JobKey key, TimeSpan within)
    {
        using var listener = Watch(scheduler, key);
        await scheduler.TriggerJob(key, new JobDataMap(), CancellationToken.None);
        await listener.firstFinished.Task.WaitAsync(within);
    }

    public void Dispose() => scheduler.ListenerManager.RemoveJobListener(Name);

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (context.JobDetail.Key.Equals(key))
        {
            Interlocked.Increment(ref started);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        if (context.JobDetail.Key.Equals(key))
        {
            Interlocked.Increment(ref finished);
            firstFinished.TrySetResult();
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, FireInstanceProgress progress, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
