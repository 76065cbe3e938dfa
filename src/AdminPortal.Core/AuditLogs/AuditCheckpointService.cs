using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// Copies the write-ahead log into the database file while ingestion goes on, on its own connection, so that the
/// writers (ingestion, the search indexer) never run a checkpoint at commit: SQLite allows one checkpoint beside one
/// writer, and the copy and its fsync then use the other core instead of holding up the next batch.
/// </summary>
public sealed class AuditCheckpointService(IOptions<DatabaseOptions> database, AuditWriteGate gate, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    // Machine time, not the portal's clock: this paces background work and is no business rule.
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        gate.BackgroundCheckpoints = true;
        try
        {
            await CheckpointWhileRunningAsync(stoppingToken);
        }
        finally
        {
            gate.BackgroundCheckpoints = false;
        }
    }

    private async Task CheckpointWhileRunningAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        long lastWrites = -1;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var writes = gate.Writes;
            if (writes == lastWrites)
            {
                continue;
            }

            try
            {
                await using var connection = new SqliteConnection(database.Value.ConnectionString());
                await connection.OpenAsync(stoppingToken);
                await using var command = connection.CreateCommand();
                // PASSIVE: copies what no reader still needs and never waits for, nor blocks, the writer.
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                // Done only when every frame was copied; otherwise the next tick goes on from there.
                if (await reader.ReadAsync(stoppingToken) && reader.GetInt64(1) == reader.GetInt64(2))
                {
                    lastWrites = writes;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Checkpoint of the audit log store failed; it is tried again");
            }
        }
    }
}
