using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Npgsql;

namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// Writes events as PostgreSQL's binary COPY format (a header, per row a field count and each field as its length and
/// bytes, a trailer) straight into a raw COPY stream. Npgsql's NpgsqlBinaryImporter binds a parameter per value and
/// the received RawJson went UTF-8 → string → UTF-8 on its way: the portal spent 26–35 µs of CPU per event over HTTP
/// (bench/ --only postgres-ingestion, 500k events). Here strings are encoded once into one buffer, and RawJson's received
/// UTF-8 is copied as it is (text's binary form is its bytes in the client encoding, which Npgsql sets to UTF8; the
/// server checks them). A COPY that fails halfway is cancelled, never completed: PostgreSQL would accept the rows
/// already sent as a whole COPY, and the transaction could then commit part of a chunk.
/// </summary>
internal sealed class PostgreSqlCopyRows
{
    // PGCOPY\n\377\r\n\0, then flags and header-extension length (both 0).
    private static readonly byte[] Header = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private const int FlushAt = 256 * 1024;

    // Strict, as Npgsql's own text writer is: a lone surrogate fails the batch instead of being stored as U+FFFD.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Func<AuditEvent, object?>[] getters;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(FlushAt * 2);
    private int length;

    private PostgreSqlCopyRows(Func<AuditEvent, object?>[] getters) => this.getters = getters;

    /// <summary>
    /// Runs <paramref name="copySql"/> (a <c>COPY … FROM STDIN (FORMAT BINARY)</c> naming one column per getter) with
    /// <paramref name="events"/>, each value read by the getter at its column's position: null, a string (text), a long
    /// (bigint), an int (integer) or UTF-8 bytes (text).
    /// </summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string copySql, Func<AuditEvent, object?>[] getters,
        IReadOnlyList<AuditEvent> events, CancellationToken ct)
    {
        var rows = new PostgreSqlCopyRows(getters);
        var stream = await connection.BeginRawBinaryCopyAsync(copySql, ct);
        try
        {
            rows.Append(Header);
            foreach (var e in events)
            {
                rows.AppendRow(e);
                if (rows.length >= FlushAt)
                {
                    await rows.FlushAsync(stream, ct);
                }
            }

            rows.Reserve(2);
            BinaryPrimitives.WriteInt16BigEndian(rows.buffer.AsSpan(rows.length), -1);
            rows.length += 2;
            await rows.FlushAsync(stream, ct);
        }
        catch
        {
            try
            {
                await stream.CancelAsync(); // CopyFail: the statement fails and the transaction cannot commit
            }
            catch (Exception)
            {
                // The connection broke or the COPY had already ended: the exception that stopped the rows is the one to throw.
            }
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rows.buffer);
        }

        await stream.DisposeAsync(); // CopyDone: the rows are stored
    }

    private async Task FlushAsync(Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(buffer.AsMemory(0, length), ct);
        length = 0;
    }

    private void AppendRow(AuditEvent e)
    {
        Reserve(2);
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(length), (short)getters.Length);
        length += 2;
        foreach (var getter in getters)
        {
            switch (getter(e))
            {
                case null:
                    Reserve(4);
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), -1);
                    length += 4;
                    break;
                case string text:
                    Reserve(4 + Utf8.GetMaxByteCount(text.Length));
                    var written = Utf8.GetBytes(text, buffer.AsSpan(length + 4));
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), written);
                    length += 4 + written;
                    break;
                case byte[] utf8:
                    Reserve(4 + utf8.Length);
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), utf8.Length);
                    utf8.CopyTo(buffer.AsSpan(length + 4));
                    length += 4 + utf8.Length;
                    break;
                case long number:
                    Reserve(12);
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 8);
                    BinaryPrimitives.WriteInt64BigEndian(buffer.AsSpan(length + 4), number);
                    length += 12;
                    break;
                case int number:
                    Reserve(8);
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), 4);
                    BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length + 4), number);
                    length += 8;
                    break;
                case var other:
                    throw new InvalidOperationException($"No COPY encoding for {other.GetType().Name}.");
            }
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    // A row is encoded whole before a flush: the buffer grows for a row larger than it (a long RawJson).
    private void Reserve(int bytes)
    {
        if (length + bytes > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }
}
