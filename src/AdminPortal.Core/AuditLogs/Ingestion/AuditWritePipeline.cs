using System.Threading.Channels;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Writes a batch's chunks into one <see cref="IAuditWriteSession"/> on a task of its own while the parser reads the
/// next chunk: the parser and the inserts each keep a core busy, as they did when a batch was parsed whole before it
/// was stored (HTTP bench/: 26k events/s with both on one thread), but at most three chunks are held at a time.
/// </summary>
internal sealed class AuditWritePipeline : IAsyncDisposable
{
    // One chunk waiting, one being written, one being read: a few MB (AuditEventParser.MaxChunkBytes).
    private readonly Channel<IReadOnlyList<AuditEvent>> chunks =
        Channel.CreateBounded<IReadOnlyList<AuditEvent>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

    private readonly Task<IAuditWriteSession> writing;
    private bool handedOver;

    public AuditWritePipeline(AuditEventWriter writer, CancellationToken ct) => writing = WriteAsync(writer, ct);

    /// <summary>Queues a chunk, waiting while the writer is a chunk behind; throws the writer's failure, if any.</summary>
    public async Task AddAsync(IReadOnlyList<AuditEvent> chunk, CancellationToken ct)
    {
        try
        {
            await chunks.Writer.WriteAsync(chunk, ct);
        }
        catch (ChannelClosedException)
        {
            await writing; // the writer stopped: its own exception says why
            throw;
        }
    }

    /// <summary>Waits for every chunk to be written; the caller then commits the session or disposes it (no commit).</summary>
    public async Task<IAuditWriteSession> CompleteAsync()
    {
        chunks.Writer.TryComplete();
        var session = await writing;
        handedOver = true;
        return session;
    }

    private async Task<IAuditWriteSession> WriteAsync(AuditEventWriter writer, CancellationToken ct)
    {
        await Task.Yield(); // the parser starts at once; the writer waits for the gate on its own
        IAuditWriteSession? session = null;
        try
        {
            session = await writer.BeginAsync(ct);
            await foreach (var chunk in chunks.Reader.ReadAllAsync(ct))
            {
                await session.WriteAsync(chunk, ct);
            }
            return session;
        }
        catch (Exception ex)
        {
            chunks.Writer.TryComplete(ex);
            if (session is not null)
            {
                await session.DisposeAsync();
            }
            throw;
        }
    }

    /// <summary>When the batch ended before <see cref="CompleteAsync"/> (an exception): nothing is stored.</summary>
    public async ValueTask DisposeAsync()
    {
        if (handedOver)
        {
            return;
        }
        chunks.Writer.TryComplete();
        try
        {
            await (await writing).DisposeAsync();
        }
        catch (Exception)
        {
            // The writer failed and rolled back on its own; the batch's own exception is the one that matters.
        }
    }
}
