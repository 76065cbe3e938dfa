using System.Buffers;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// Stops a staging upload right before its last request: the SDK has no pause there, so the handler of its
/// LastRequestExecuting event throws this with the request's bytes (a pooled buffer) and their offset in the object.
/// </summary>
internal sealed class LastChunkHeld(long offset, byte[] buffer, int length) : Exception("The upload stopped before its last request, to be committed later.")
{
    public long Offset { get; } = offset;

    public ReadOnlyMemory<byte> Bytes => buffer.AsMemory(0, length);

    public void ReturnBuffer() => ArrayPool<byte>.Shared.Return(buffer);
}
