using AdminPortal.Core.Data;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// The one writer of AUDIT_LOGS at a time, shared by ingestion, retention and the checkpointer's WAL restarts. Writers queue here
/// rather than at SQLite's file lock, which Microsoft.Data.Sqlite waits for by sleeping between retries, a blocked
/// thread each: measured through HTTP with 2 senders, 3.7k events/s against 11.8k/s with 1 sender (bench/).
/// </summary>
public sealed class AuditWriteGate
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SemaphoreSlim searchIndex = new(1, 1);
    private int ingestionWaiting;
    private long lastIngestionEndMs = Environment.TickCount64;

    // One cue however many writes: the checkpointer copies everything written so far whenever it wakes.
    private readonly AutoResetEvent written = new(false);

    /// <summary>Whether <see cref="AuditCheckpointService"/> runs (not in a bare service provider, as bench/ and the seeder use).</summary>
    public bool BackgroundCheckpoints { get; internal set; }

    /// <summary>
    /// Run first on a writer's connection: no checkpoint at commit when the service does them beside the writer,
    /// SQLite's own (every 1000 pages) otherwise. When the WAL starts over, a file grown past twice the size at which
    /// the checkpointer restarts it (by a long reader) is cut back to that, so steady ingestion overwrites blocks the
    /// file already has instead of zeroing new ones.
    /// </summary>
    public string WriterPragmas(DatabaseOptions database) => BackgroundCheckpoints
        ? $"PRAGMA wal_autocheckpoint = 0; PRAGMA journal_size_limit = {2 * database.WalRestartBytes}; "
        : "PRAGMA wal_autocheckpoint = 1000; ";

    /// <summary>Run on a writer's connection before it goes back to the pool, shared with readers and EF Core.</summary>
    public const string PoolPragmas = "PRAGMA wal_autocheckpoint = 1000;";

    /// <summary>
    /// Blocks the calling thread (the checkpointer's own) until a writer lets go of the gate, at once if one did since
    /// the last call, or until the timeout.
    /// </summary>
    internal void WaitForWrite(TimeSpan timeout, CancellationToken ct)
    {
        WaitHandle.WaitAny([written, ct.WaitHandle], timeout);
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>Ingestion batches waiting for or holding the gate.</summary>
    public bool IngestionBusy => Volatile.Read(ref ingestionWaiting) > 0;

    /// <summary>How long ago the last ingestion batch let go of the gate (machine time: it paces background work only).</summary>
    public TimeSpan SinceLastIngestion => TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref lastIngestionEndMs));

    /// <summary>Enters for an ingestion batch: the search indexer keeps out of the way while batches keep coming.</summary>
    public async Task<IDisposable> EnterForIngestionAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref ingestionWaiting);
        try
        {
            await gate.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref ingestionWaiting);
            throw;
        }

        return new Release(this, ingestion: true);
    }

    /// <summary>
    /// Counts an ingestion batch that other writers run beside (PostgreSQL): it takes no turn, and is only counted for
    /// whoever paces background work by ingestion (<see cref="IngestionBusy"/>, <see cref="SinceLastIngestion"/>).
    /// </summary>
    public IDisposable EnterBesideIngestion()
    {
        Interlocked.Increment(ref ingestionWaiting);
        return new Release(this, ingestion: true, exclusive: false);
    }

    /// <summary>Enters for background work on the database (retention, the checkpointer's restart of the WAL).</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        return new Release(this, ingestion: false);
    }

    /// <summary>Enters for background work on a thread of its own (the checkpointer), blocking it meanwhile.</summary>
    internal IDisposable Enter(CancellationToken ct)
    {
        gate.Wait(ct);
        return new Release(this, ingestion: false);
    }

    /// <summary>Enters the search index's gate on a thread of its own (the checkpointer), blocking it meanwhile.</summary>
    internal IDisposable EnterSearchIndex(CancellationToken ct)
    {
        searchIndex.Wait(ct);
        return new SearchIndexRelease(searchIndex);
    }

    /// <summary>
    /// The one writer of the search index file at a time: the indexer, or retention deleting indexed events. Whoever
    /// holds both gates enters this one first (retention, the checkpointer's WAL restart); the indexer never holds both.
    /// </summary>
    public async Task<IDisposable> EnterSearchIndexAsync(CancellationToken ct)
    {
        await searchIndex.WaitAsync(ct);
        return new SearchIndexRelease(searchIndex);
    }

    private sealed class SearchIndexRelease(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }

    private sealed class Release(AuditWriteGate owner, bool ingestion, bool exclusive = true) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
            {
                return;
            }

            if (ingestion)
            {
                Volatile.Write(ref owner.lastIngestionEndMs, Environment.TickCount64);
                Interlocked.Decrement(ref owner.ingestionWaiting);
            }

            if (exclusive)
            {
                owner.gate.Release();
                owner.written.Set();
            }
        }
    }
}
