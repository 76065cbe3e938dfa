using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>
/// Keeps the full-text index caught up. SQLite: in the pauses of ingestion, or taking turns with it once
/// <see cref="SearchIndexOptions.MaxPendingEvents"/> events wait; resumes from the stored watermark after a restart.
/// PostgreSQL: as soon as events wait (<see cref="PostgreSqlAuditSearchIndexer"/>), on every node whose
/// <see cref="SearchIndexOptions.IndexOnThisNode"/> is true, since the server indexes on a core of its own and a search
/// reads each waiting event without the index (tens of µs each).
/// </summary>
public sealed class AuditSearchIndexerService(
    AuditSearchIndexer indexer,
    PostgreSqlAuditSearchIndexer postgreSqlIndexer,
    AuditWriteGate gate,
    IOptions<SearchIndexOptions> options,
    IOptions<Data.DatabaseOptions> database,
    ILogger<AuditSearchIndexerService> logger) : BackgroundService
{
    // Machine time, not the portal's clock: this paces background work and is no business rule.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    // Each poll is one statement on the server that finds the partial index empty; ingestion's rows wait at most this.
    private static readonly TimeSpan PostgreSqlPoll = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (database.Value.Provider != Data.DatabaseProvider.PostgreSQL)
        {
            await RunAsync(IndexSqliteStepAsync, Poll, ex => logger.LogError(
                ex, "Full-text indexing failed; it tries again shortly (searches still read unindexed events)"), stoppingToken);
        }
        else if (options.Value.IndexOnThisNode)
        {
            await RunAsync(async ct => await postgreSqlIndexer.IndexNextAsync(ct) > 0, PostgreSqlPoll, ex => logger.LogError(
                ex, "Search vectors could not be filled; it tries again shortly (searches still read events without one)"), stoppingToken);
        }
    }

    // Indexing takes a core ingestion would use, so it waits for ingestion's pauses; past MaxPendingEvents the
    // searches' reading of waiting events costs more than the shared core.
    private async Task<bool> IndexSqliteStepAsync(CancellationToken ct)
    {
        var status = await indexer.StatusAsync(ct);
        var quiet = !gate.IngestionBusy && gate.SinceLastIngestion >= TimeSpan.FromMilliseconds(options.Value.IdleMilliseconds);
        if (status.Pending == 0 || (!quiet && status.Pending <= options.Value.MaxPendingEvents))
        {
            return false;
        }

        await indexer.IndexNextAsync(ct);
        return true;
    }

    /// <summary>Runs <paramref name="step"/> until stopped: again at once after work, after <paramref name="poll"/> when it found none.</summary>
    private async Task RunAsync(Func<CancellationToken, Task<bool>> step, TimeSpan poll, Action<Exception> logFailure, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await step(stoppingToken))
                {
                    await Task.Delay(poll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logFailure(ex);
                await Task.Delay(AfterFailure, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
