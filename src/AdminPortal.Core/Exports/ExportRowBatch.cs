using System.Buffers.Binary;
using AdminPortal.Core.AuditLogs;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Events copied out of SQLite's buffers, so that reading (on one core) and encoding and gzip (on the other) overlap,
/// as sqlite3 and gzip do in two processes. Each event is its keyset and then each export column: a length (-1 for NULL)
/// and the column's bytes (UTF-8, or an integer's 8 bytes). A batch is reused: a run holds a few of them.
/// </summary>
internal sealed class ExportRowBatch(IReadOnlyList<AuditColumn> columns)
{
    /// <summary>A batch is handed on once it holds about this many bytes.</summary>
    public const int Capacity = 256 * 1024;

    private readonly bool[] integers = columns.Select(c => c.Kind is AuditColumnKind.Time or AuditColumnKind.Number).ToArray();
    private byte[] buffer = new byte[Capacity + 4096];
    private int length;

    public int Count { get; private set; }

    public bool IsFull => length >= Capacity;

    public void Clear() => (length, Count) = (0, 0);

    /// <summary>Copies the event's keyset and columns.</summary>
    public void Add<TRow>(TRow row, ExportCursor cursor) where TRow : IExportRow
    {
        Write(cursor.EventTimeMs);
        Write(cursor.RowId);
        for (var i = 0; i < integers.Length; i++)
        {
            if (integers[i])
            {
                if (row.TryGetInt64(i, out var n))
                {
                    Write(sizeof(long));
                    Write(n);
                }
                else
                {
                    Write(-1);
                }
            }
            else if (row.TryGetUtf8(i, out var text))
            {
                Write(text.Length);
                text.CopyTo(Reserve(text.Length));
                length += text.Length;
            }
            else
            {
                Write(-1);
            }
        }

        Count++;
    }

    /// <summary>Reads the batch's events in order.</summary>
    public Reader Read() => new(this);

    private Span<byte> Reserve(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + bytes));
        }

        return buffer.AsSpan(length);
    }

    private void Write(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(sizeof(int)), value);
        length += sizeof(int);
    }

    private void Write(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(sizeof(long)), value);
        length += sizeof(long);
    }

    /// <summary>Walks a batch one event at a time; <see cref="Current"/> is the event as an <see cref="IExportRow"/>.</summary>
    public sealed class Reader(ExportRowBatch batch)
    {
        private readonly int[] offsets = new int[batch.integers.Length];
        private int position;
        private int read;

        public ExportCursor Cursor { get; private set; }

        public Row Current => new(this);

        public bool MoveNext()
        {
            if (read == batch.Count)
            {
                return false;
            }

            var bytes = batch.buffer.AsSpan();
            Cursor = new ExportCursor(BinaryPrimitives.ReadInt64LittleEndian(bytes[position..]), BinaryPrimitives.ReadInt64LittleEndian(bytes[(position + 8)..]));
            position += 16;
            for (var i = 0; i < offsets.Length; i++)
            {
                offsets[i] = position;
                position += sizeof(int) + Math.Max(0, BinaryPrimitives.ReadInt32LittleEndian(bytes[position..]));
            }

            read++;
            return true;
        }

        private bool TryGet(int column, out ReadOnlySpan<byte> value)
        {
            var at = offsets[column];
            var size = BinaryPrimitives.ReadInt32LittleEndian(batch.buffer.AsSpan(at));
            value = size < 0 ? default : batch.buffer.AsSpan(at + sizeof(int), size);
            return size >= 0;
        }

        /// <summary>The reader's current event (a struct: Write&lt;TRow&gt; is compiled for it with direct calls).</summary>
        public readonly struct Row(Reader reader) : IExportRow
        {
            public bool TryGetInt64(int column, out long value)
            {
                var found = reader.TryGet(column, out var bytes);
                value = found ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : 0;
                return found;
            }

            public bool TryGetUtf8(int column, out ReadOnlySpan<byte> value) => reader.TryGet(column, out value);
        }
    }
}
