using System.Diagnostics.CodeAnalysis;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>
/// A secret encrypted with AES-256-GCM. Stored in one text column as <c>v1.&lt;keyId&gt;.&lt;base64(nonce ‖ ciphertext ‖ tag)&gt;</c>
/// (12-byte nonce, 16-byte tag); base64 never contains '.', and key ids are letters, digits, '-' and '_'.
/// </summary>
public sealed record EncryptedSecret
{
    public const string Version = "v1";
    public const int NonceBytes = 12;
    public const int TagBytes = 16;

    public EncryptedSecret(string keyId, byte[] nonce, byte[] ciphertext, byte[] tag)
    {
        if (!SecretsOptionsValidator.IsValidKeyId(keyId))
        {
            throw new ArgumentException($"A key id {SecretsOptionsValidator.KeyIdRule}", nameof(keyId));
        }
        if (nonce.Length != NonceBytes)
        {
            throw new ArgumentException($"An AES-GCM nonce is {NonceBytes} bytes.", nameof(nonce));
        }
        if (tag.Length != TagBytes)
        {
            throw new ArgumentException($"An AES-GCM tag is {TagBytes} bytes.", nameof(tag));
        }
        KeyId = keyId;
        Nonce = nonce;
        Ciphertext = ciphertext;
        Tag = tag;
    }

    public string KeyId { get; }
    public byte[] Nonce { get; }
    public byte[] Ciphertext { get; }
    public byte[] Tag { get; }

    /// <summary>The one-column form: <c>v1.&lt;keyId&gt;.&lt;base64&gt;</c>.</summary>
    public override string ToString() => $"{Version}.{KeyId}.{Convert.ToBase64String([.. Nonce, .. Ciphertext, .. Tag])}";

    public static EncryptedSecret Parse(string stored) =>
        TryParse(stored, out var secret)
            ? secret
            : throw new FormatException($"A stored secret has the form {Version}.<keyId>.<base64 of nonce, ciphertext and tag>; this one does not (it may be a plaintext value written by hand).");

    public static bool TryParse(string? stored, [NotNullWhen(true)] out EncryptedSecret? secret)
    {
        secret = null;
        var parts = stored?.Split('.');
        if (parts is not [Version, var keyId, var payload] || !SecretsOptionsValidator.IsValidKeyId(keyId))
        {
            return false;
        }
        var bytes = new byte[payload.Length];
        if (!Convert.TryFromBase64String(payload, bytes, out var length) || length < NonceBytes + TagBytes)
        {
            return false;
        }
        var all = bytes.AsSpan(0, length);
        secret = new EncryptedSecret(keyId, all[..NonceBytes].ToArray(), all[NonceBytes..^TagBytes].ToArray(), all[^TagBytes..].ToArray());
        return true;
    }

    public bool Equals(EncryptedSecret? other) =>
        other is not null && KeyId == other.KeyId && Nonce.AsSpan().SequenceEqual(other.Nonce) &&
        Ciphertext.AsSpan().SequenceEqual(other.Ciphertext) && Tag.AsSpan().SequenceEqual(other.Tag);

    public override int GetHashCode() => HashCode.Combine(KeyId, Convert.ToBase64String(Nonce));
}
