using Microsoft.Extensions.Logging;
using Quartz;

namespace AdminPortal.Core.Cluster;

/// <summary>
/// The shell of a periodic "one node does it" job (<see cref="ClusterWideSchedule"/>): one firing does the work once; a
/// failure is logged and left to the next firing, since these jobs find their work by what is due when they run.
/// </summary>
public abstract class ClusterWideJob(ILogger logger) : IJob
{
    /// <summary>What the job does, as its failure is logged: "Retention", "The integration health check".</summary>
    protected abstract string What { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        try
        {
            await RunOnceAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "{Job} failed; it runs again at its next firing", What);
        }
    }
}
