using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The runs this portal has going. When the portal stops, their token is cancelled (ApplicationStopping), and stopping
/// waits for them to record their end (Interrupted, what they had stored removed, audited) instead of leaving their rows
/// Running for the next start to guess about. Send now's runs have nobody else waiting for them.
/// </summary>
public sealed class ExportRunsInFlight(ILogger<ExportRunsInFlight> logger) : IHostedService
{
    private readonly ConcurrentDictionary<Guid, Task> runs = new();

    /// <summary>Follows <paramref name="run"/> until it ends.</summary>
    public void Track(StartedExportRun run)
    {
        runs[run.RunId] = run.Finished;
        _ = run.Finished.ContinueWith(_ => runs.TryRemove(run.RunId, out Task? _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var going = runs.Values.ToArray();
        if (going.Length == 0)
        {
            return;
        }

        logger.LogInformation("Waiting for {Count} export run(s) to record that the portal stopped them", going.Length);
        try
        {
            await Task.WhenAll(going).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("{Count} export run(s) had not recorded their end when the shutdown timeout passed; the next start marks them Interrupted",
                runs.Count);
        }
        catch (Exception ex)
        {
            // Each run's own failure is logged where it is awaited; stopping goes on.
            logger.LogDebug(ex, "An export run ended with an error while the portal stopped");
        }
    }
}
