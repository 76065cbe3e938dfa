using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>
/// Keeps the full-text index caught up: in the pauses of ingestion, or taking turns with it once
/// <see cref="SearchIndexOptions.MaxPendingEvents"/> events wait. Resumes from the stored watermark after a restart.
/// </summary>
public sealed class AuditSearchIndexerService(
    AuditSearchIndexer indexer,
    AuditWriteGate gate,
    IOptions<SearchIndexOptions> options,
    IOptions<Data.DatabaseOptions> database,
    ILogger<AuditSearchIndexerService> logger) : BackgroundService
{
    // Machine time, not the portal's clock: this paces background work and is no business rule.
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != Data.DatabaseProvider.Sqlite)
        {
            // PostgreSQL stores each event's search vector with the event: there is nothing to catch up.
            return;
        }

        await Task.Yield();
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
}
