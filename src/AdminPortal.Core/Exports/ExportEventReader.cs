namespace AdminPortal.Core.Exports;

/// <summary>
/// Streams a window's events in export order from a position, one row at a time, in keyset batches of
/// <c>Exports:BatchSize</c> events (one short read each). One implementation per Database:Provider:
/// <see cref="SqliteExportEventReader"/>, <see cref="PostgreSqlExportEventReader"/>.
/// </summary>
public abstract class ExportEventReader : IDisposable
{
    /// <summary>The current event's row id.</summary>
    public long RowId { get; protected set; }

    /// <summary>The current event's time, Unix milliseconds.</summary>
    public long EventTimeMs { get; protected set; }

    /// <summary>The keyset of the current event: the next read after it starts here.</summary>
    public ExportCursor Cursor => new(EventTimeMs, RowId);

    /// <summary>Moves to the next event; false at the end of the window.</summary>
    public abstract bool Read(CancellationToken ct);

    /// <summary>Export column <paramref name="column"/> of the current event as an integer; false when NULL.</summary>
    public abstract bool TryGetInt64(int column, out long value);

    /// <summary>Export column <paramref name="column"/> of the current event as UTF-8, valid until the next call; false when NULL.</summary>
    public abstract bool TryGetUtf8(int column, out ReadOnlySpan<byte> value);

    /// <summary>
    /// Copies the current event into <paramref name="batch"/>: one virtual call per event, the columns then read through
    /// the implementation's own row struct (direct calls, see <see cref="SqliteExportEventReader.Current"/>).
    /// </summary>
    internal abstract void CopyTo(ExportRowBatch batch);

    public abstract void Dispose();
}
