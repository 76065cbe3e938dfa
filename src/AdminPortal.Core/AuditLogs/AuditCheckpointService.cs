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
/// <remarks>
/// SQLite starts the WAL again from its first frame only when a writer begins while every frame is copied. Under
/// steady ingestion the next batch always began before the copy of the last one ended, so the WAL grew without end
/// (50 MB/s, 1.2 GB after 25 s of bench/), and every commit wrote new file blocks that the kernel zeroes first: a
/// fifth of the portal's CPU. Once the WAL passes <see cref="RestartBytes"/>, the checkpointer therefore copies the
/// last frames between two batches, holding the write gate for that moment, and the next batch starts the WAL over.
/// </remarks>
public sealed class AuditCheckpointService(IOptions<DatabaseOptions> database, AuditWriteGate gate, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    /// <summary>
    /// WAL size past which the next pause between batches restarts it (writers keep a file twice this size, see
    /// AuditWriteGate). Each restart holds ingestion for the copy of the last batch and two fsyncs, 40-60 ms here: at
    /// 64 MiB that was a tenth of the gate's time under full load (bench/), at 128 MiB a twentieth.
    /// </summary>
    internal const long RestartBytes = 128L * 1024 * 1024;

    // Machine time, not the portal's clock: this paces background work and is no business rule.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

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
        var complete = true;
        // A reader may hold old frames for long (a CSV download, an export): then no restart can happen, and
        // the gate is not taken again until the WAL has grown by another RestartBytes.
        var restartAt = RestartBytes;
        var written = gate.WaitForWriteAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            if (complete)
            {
                // Right after a commit, while the writer binds its next batch.
                await written.ConfigureAwait(false);
            }
            else
            {
                // A reader still needs older frames, or a writer committed meanwhile: try again shortly.
                await Task.WhenAny(written, Task.Delay(RetryDelay, stoppingToken)).ConfigureAwait(false);
            }

            if (written.IsCompleted)
            {
                await written.ConfigureAwait(false);
                written = gate.WaitForWriteAsync(stoppingToken);
            }

            try
            {
                (complete, var walBytes) = await CheckpointAsync(stoppingToken);
                if (walBytes < RestartBytes)
                {
                    restartAt = RestartBytes;
                }
                else if (walBytes >= restartAt)
                {
                    // The search indexer reads the database in a snapshot that would keep the WAL from starting over:
                    // between two of its chunks (ingestion goes on meanwhile), then between two batches.
                    using (await gate.EnterSearchIndexAsync(stoppingToken).ConfigureAwait(false))
                    using (await gate.EnterAsync(stoppingToken).ConfigureAwait(false))
                    {
                        (complete, _) = await CheckpointAsync(stoppingToken);
                    }

                    restartAt = complete ? RestartBytes : walBytes + RestartBytes;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                complete = false;
                logger.LogWarning(ex, "Checkpoint of the audit log store failed; it is tried again");
            }

            // Each checkpoint that copies anything costs two fsyncs: many small writes (the portal auditing itself)
            // are copied together, at most ten times a second; ingestion batches take about as long as this each.
            await Task.Delay(MinInterval, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Copies what no reader still needs (PASSIVE: never waits for, nor blocks, a writer). Complete when every frame
    /// was copied; WalBytes counts the frames in use (the file itself keeps its size when the WAL starts over).
    /// </summary>
    private async Task<(bool Complete, long WalBytes)> CheckpointAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(database.Value.ConnectionString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE); PRAGMA page_size;";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (frames, copied) = (reader.GetInt64(1), reader.GetInt64(2));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        // Each frame is a 24-byte header and a page.
        return (frames == copied, frames * (reader.GetInt64(0) + 24));
    }
}
