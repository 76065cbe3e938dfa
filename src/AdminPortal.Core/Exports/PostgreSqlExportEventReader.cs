using System.Text;
using Npgsql;

namespace AdminPortal.Core.Exports;

/// <summary>
/// <see cref="ExportEventReader"/> on PostgreSQL: each keyset batch is one statement (its own snapshot, so a long export
/// holds none; each batch four times the one before, up to 50,000 events), read row by row as the export goes (Npgsql streams the rows; no batch is held in memory), on the one
/// connection the reader holds until disposed.
/// </summary>
public sealed class PostgreSqlExportEventReader : ExportEventReader
{
    /// <summary>Types whose value on the wire is the UTF-8 text itself (no header, unlike jsonb's version byte).</summary>
    private static readonly HashSet<string> RawTextTypes = ["text", "varchar", "bpchar", "json", "citext"];

    private readonly NpgsqlConnection connection;
    private readonly NpgsqlCommand command;
    private readonly ExportRowShape shape;
    /// <summary>
    /// How large the batches grow: each statement costs about a millisecond however few rows it reads (executor start
    /// over the monthly partitions, the index descent), so a long export reads in larger ones (bench/, 725,000 events:
    /// 1.2 s in batches of 2,000, 0.9 s in batches of 50,000). Npgsql streams a batch's rows, so a larger one holds no
    /// more memory; its statement's snapshot lasts some 50 ms.
    /// </summary>
    private const int MaxBatchSize = 50_000;

    private readonly int maxBatchSize;
    private int batchSize;
    private NpgsqlDataReader? reader;
    private bool[]? int32;
    private bool[]? raw;
    private byte[] utf8 = new byte[1024];
    private int rowsInBatch;
    private bool ended;

    internal PostgreSqlExportEventReader(NpgsqlConnection connection, NpgsqlCommand command, ExportRowShape shape, int batchSize)
    {
        this.connection = connection;
        this.command = command;
        this.shape = shape;
        this.batchSize = batchSize;
        maxBatchSize = Math.Max(batchSize, MaxBatchSize);
    }

    public override bool Read(CancellationToken ct)
    {
        while (!ended)
        {
            if (reader is null)
            {
                Open(ct);
            }

            if (reader!.Read())
            {
                rowsInBatch++;
                RowId = reader.GetInt64(ExportRowShape.RowIdOrdinal);
                EventTimeMs = reader.GetInt64(ExportRowShape.EventTimeOrdinal);
                return true;
            }

            Close();
            // A full batch: the next one starts after its last event. A short one was the end of the window.
            ended = rowsInBatch < batchSize;
            if (!ended)
            {
                ct.ThrowIfCancellationRequested();
                command.Parameters["t"].Value = EventTimeMs;
                command.Parameters["id"].Value = RowId;
                // The first batch stays Exports:BatchSize, which is all a short incremental window reads.
                batchSize = (int)Math.Min((long)batchSize * 4, maxBatchSize);
                command.Parameters["take"].Value = batchSize;
            }
        }

        return false;
    }

    public override bool TryGetInt64(int column, out long value)
    {
        var ordinal = shape.Ordinal(column);
        if (reader!.IsDBNull(ordinal))
        {
            value = 0;
            return false;
        }

        // "Count" is an integer column, the times bigint.
        value = int32![ordinal] ? reader.GetInt32(ordinal) : reader.GetInt64(ordinal);
        return true;
    }

    public override bool TryGetUtf8(int column, out ReadOnlySpan<byte> value)
    {
        var ordinal = shape.Ordinal(column);
        if (reader!.IsDBNull(ordinal))
        {
            value = default;
            return false;
        }

        if (raw![ordinal])
        {
            // The column's wire bytes as they are: the server sends text types in the client encoding, UTF-8 (Npgsql
            // sets it), which is what the export writes. Decoding each value to a .NET string and encoding it back cost
            // a CSV export most of its time over psql's COPY (bench/: 1.8x at 500,000 events).
            value = reader.GetFieldValue<ReadOnlyMemory<byte>>(ordinal).Span;
            return true;
        }

        var text = reader.GetString(ordinal);
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (utf8.Length < max)
        {
            utf8 = new byte[Math.Max(max, utf8.Length * 2)];
        }

        value = utf8.AsSpan(0, Encoding.UTF8.GetBytes(text, utf8));
        return true;
    }

    internal override void CopyTo(ExportRowBatch batch) => batch.Add(new Row(this), Cursor);

    public override void Dispose()
    {
        Close();
        command.Dispose();
        connection.Dispose();
    }

    private void Open(CancellationToken ct)
    {
        if (!command.IsPrepared)
        {
            // The same statement runs once per batch: planning it over every monthly partition took longer than running
            // it (1.5 ms against 0.6 ms for 2,000 rows, bench/ at 500,000 events), so the server plans it once.
            command.Prepare();
        }

        reader = command.ExecuteReader();
        int32 ??= Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetFieldType(i) == typeof(int)).ToArray();
        raw ??= Enumerable.Range(0, reader.FieldCount).Select(i => RawTextTypes.Contains(reader.GetPostgresType(i).InternalName)).ToArray();
        rowsInBatch = 0;
        ct.ThrowIfCancellationRequested();
    }

    private void Close()
    {
        reader?.Dispose();
        reader = null;
    }

    /// <summary>The reader's current event as an <see cref="IExportRow"/>.</summary>
    private readonly struct Row(PostgreSqlExportEventReader reader) : IExportRow
    {
        public bool TryGetInt64(int column, out long value) => reader.TryGetInt64(column, out value);

        public bool TryGetUtf8(int column, out ReadOnlySpan<byte> value) => reader.TryGetUtf8(column, out value);
    }
}
