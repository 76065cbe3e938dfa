using System.Buffers.Binary;
using System.Numerics;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Compares UTF-8 texts byte for byte, and lets a dictionary keyed by them be searched with the span of a JSON token
/// (<see cref="Dictionary{TKey,TValue}.GetAlternateLookup{TAlternateKey}"/>): a value or field name is then found
/// without first turning it into UTF-16 (that transcoding was about a third of the parser's time). The hash is
/// seeded per process, so that a sender cannot craft texts that collide.
/// </summary>
internal sealed class Utf8BytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static readonly Utf8BytesComparer Instance = new();

    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    private static readonly ulong Seed = (ulong)Random.Shared.NextInt64() | 1;

    private Utf8BytesComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] bytes) => GetHashCode((ReadOnlySpan<byte>)bytes);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        // Eight bytes a step: HashCode.AddBytes (four bytes a step) measured slower than the transcoding it replaced.
        // Every step multiplies after mixing in the seed, so which texts collide depends on the seed; and a pool
        // holds at most 4,096 values, which bounds what a sender who found collisions could cost.
        var hash = Seed ^ (ulong)alternate.Length;
        while (alternate.Length >= sizeof(ulong))
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(alternate)) * Multiplier, 29);
            alternate = alternate[sizeof(ulong)..];
        }

        ulong tail = 0;
        for (var i = 0; i < alternate.Length; i++)
        {
            tail |= (ulong)alternate[i] << (8 * i);
        }

        hash = (hash ^ tail) * Multiplier;
        return (int)(hash ^ (hash >> 32));
    }

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
}
