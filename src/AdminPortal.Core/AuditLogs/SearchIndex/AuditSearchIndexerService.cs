using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>
/// Keeps the full-text index caught up. SQLite: in the pauses of ingestion, or taking turns with it once
/// <see cref="SearchIndexOptions.MaxPendingEvents"/> events wait; resumes from the stored watermark after a restart.
/// PostgreSQL: as soon as events wait (<see cref="PostgreSqlAuditSearchIndexer"/>), on every node, since the
/// server indexes on a core of its own and a search reads each waiting event without the index (tens of µs each).
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        if (database.Value.Provider == Data.DatabaseProvider.PostgreSQL)
        {
            if (options.Value.IndexOnThisNode)
            {
                await IndexPostgreSqlAsync(stoppingToken);
            }

            return;
        }

        var idle = TimeSpan.FromMilliseconds(options.Value.IdleMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var status = await indexer.StatusAsync(stoppingToken);
                var quiet = !gate.IngestionBusy && gate.SinceLastIngestion >= idle;
                if (status.Pending > 0 && (quiet || status.Pending > options.Value.MaxPendingEvents))
                {
                    await indexer.IndexNextAsync(stoppingToken);
                    continue;
                }

                await Task.Delay(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Full-text indexing failed; it tries again shortly (searches still read unindexed events)");
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task IndexPostgreSqlAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await postgreSqlIndexer.IndexNextAsync(stoppingToken) == 0)
                {
                    await Task.Delay(PostgreSqlPoll, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Search vectors could not be filled; it tries again shortly (searches still read events without one)");
                await Task.Delay(TimeSpan.FromSeconds(10), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
