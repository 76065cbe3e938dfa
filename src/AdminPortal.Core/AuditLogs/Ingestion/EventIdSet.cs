using System.Runtime.InteropServices;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// The event ids of one batch, each with the line it was first seen on, to reject later lines that repeat one.
/// Keyed by a 64-bit hash of the id, not the id: a 64 MB body of short events has half a million ids, which as strings
/// held more than the 64 MB a request may use. Both halves of the hash are seeded per process, so ids cannot be
/// crafted to collide; by chance, two ids of a batch of a million collide about once in 10^7 batches.
/// </summary>
internal sealed class EventIdSet
{
    private readonly Dictionary<ulong, int> _firstLine = [];

    /// <summary>Adds the id; false with the line of its first occurrence when the batch had it already.</summary>
    public bool TryAdd(string eventId, int line, out int firstLine)
    {
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_firstLine, Hash(eventId), out var exists);
        if (exists)
        {
            firstLine = entry;
            return false;
        }
        entry = line;
        firstLine = line;
        return true;
    }

    private static ulong Hash(string eventId)
    {
        var other = new HashCode();
        other.AddBytes(MemoryMarshal.AsBytes(eventId.AsSpan()));
        return ((ulong)(uint)string.GetHashCode(eventId.AsSpan()) << 32) | (uint)other.ToHashCode();
    }
}
