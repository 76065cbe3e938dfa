using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// Copies the write-ahead log into the database file while ingestion goes on, on its own connection, so that the
/// writers (ingestion, retention) never run a checkpoint at commit: SQLite allows one checkpoint beside one
/// writer, and the copy and its fsync then use the other core instead of holding up the next batch.
/// </summary>
/// <remarks>
/// SQLite starts the WAL again from its first frame only when a writer begins while every frame is copied. Under
/// steady ingestion the next batch always began before the copy of the last one ended, so the WAL grew without end
/// (50 MB/s, 1.2 GB after 25 s of bench/), and every commit wrote new file blocks that the kernel zeroes first: a
/// fifth of the portal's CPU. Once the WAL passes <see cref="DatabaseOptions.WalRestartMegabytes"/>, the checkpointer therefore copies the
/// last frames between two batches, holding the write gate for that moment, and the next batch starts the WAL over.
/// The checkpointer has a thread of its own: the writers' SQLite calls block pool threads, and behind them its turn
/// came 450 ms late, by which time the WAL had grown by 57 MB (CheckpointTests).
/// </remarks>
public sealed class AuditCheckpointService(IOptions<DatabaseOptions> database, AuditWriteGate gate, ILogger<AuditCheckpointService> logger)
    : BackgroundService
{
    // Machine time, not the portal's clock: this paces background work and is no business rule.
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    private long RestartBytes => database.Value.WalRestartBytes;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.Value.Provider != Data.DatabaseProvider.Sqlite)
        {
            // The write-ahead log is SQLite's: PostgreSQL checkpoints its own.
            return Task.CompletedTask;
        }

        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            gate.BackgroundCheckpoints = true;
            try
            {
                CheckpointWhileRunning(stoppingToken);
                stopped.SetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                stopped.SetResult();
            }
            catch (Exception ex)
            {
                stopped.SetException(ex);
            }
            finally
            {
                gate.BackgroundCheckpoints = false;
            }
        })
        {
            IsBackground = true,
            Name = "Audit log checkpoints",
        };
        thread.Start();
        return stopped.Task;
    }

    private void CheckpointWhileRunning(CancellationToken stoppingToken)
    {
        var complete = true;
        // A reader may hold old frames for long (a CSV download, an export): then no restart can happen, and
        // the gate is not taken again until the WAL has grown by another RestartBytes.
        var restartAt = RestartBytes;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Right after a commit, while the writer binds its next batch; when a reader still needed older frames,
            // or a writer committed meanwhile, again shortly.
            gate.WaitForWrite(complete ? Timeout.InfiniteTimeSpan : RetryDelay, stoppingToken);
            try
            {
                (complete, var walBytes) = Checkpoint();
                if (walBytes < RestartBytes)
                {
                    restartAt = RestartBytes;
                }
                else if (walBytes >= restartAt)
                {
                    // The search indexer reads the database in a snapshot that would keep the WAL from starting over:
                    // between two of its chunks (ingestion goes on meanwhile), then between two batches.
                    using (gate.EnterSearchIndex(stoppingToken))
                    using (gate.Enter(stoppingToken))
                    {
                        (complete, _) = Checkpoint();
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
            stoppingToken.WaitHandle.WaitOne(MinInterval);
        }
    }

    /// <summary>
    /// Copies what no reader still needs (PASSIVE: never waits for, nor blocks, a writer). Complete when every frame
    /// was copied; WalBytes counts the frames in use (the file itself keeps its size when the WAL starts over).
    /// </summary>
    private (bool Complete, long WalBytes) Checkpoint()
    {
        using var connection = new SqliteConnection(database.Value.ConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE); PRAGMA page_size;";
        using var reader = command.ExecuteReader();
        reader.Read();
        var (frames, copied) = (reader.GetInt64(1), reader.GetInt64(2));
        reader.NextResult();
        reader.Read();
        // Each frame is a 24-byte header and a page.
        return (frames == copied, frames * (reader.GetInt64(0) + 24));
    }
}
