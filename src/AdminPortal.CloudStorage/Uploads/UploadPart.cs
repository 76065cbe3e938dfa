using System.Security.Cryptography;

namespace AdminPortal.CloudStorage.Uploads;

/// <summary>One part of an upload: a view on the reader's buffer, valid until the next read.</summary>
internal readonly record struct UploadPart(int Number, ArraySegment<byte> Data, bool IsLast, long Offset)
{
    public int Length => Data.Count;

    /// <summary>Base64 MD5 of the part, as Content-MD5 wants it.</summary>
    public string Md5Base64() => Convert.ToBase64String(MD5.HashData(Data));

    public MemoryStream AsStream() => new(Data.Array!, Data.Offset, Data.Count, writable: false);
}
