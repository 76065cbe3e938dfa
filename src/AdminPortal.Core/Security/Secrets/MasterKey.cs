using System.Security.Cryptography;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>An AES-256 master key and the id stored with every secret it encrypts.</summary>
public sealed class MasterKey
{
    internal MasterKey(string id, byte[] key)
    {
        Id = id;
        Key = key;
    }

    public string Id { get; }

    internal byte[] Key { get; }

    /// <summary>First 8 bytes of the key's SHA-256, hex: stable, short, and says nothing usable about the key.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key)[..8]);

    public override string ToString() => $"MasterKey {Id}";
}
