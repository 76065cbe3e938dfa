using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>Encrypts secrets for storage and decrypts them for use, bound to the field they belong to.</summary>
/// <remarks>
/// ASP.NET Data Protection is meant for short-lived payloads (cookies, tokens) and rotates its keys on its own schedule;
/// stored credentials live until an admin changes them, so they get a master key the admin controls.
/// </remarks>
public sealed class SecretProtector(MasterKeyRing keys)
{
    // The purpose goes in as associated data: a ciphertext copied to another integration or field fails to decrypt.
    private const string AssociatedDataPrefix = "adminportal-secret:" + EncryptedSecret.Version + ":";

    public MasterKeyRing Keys => keys;

    /// <summary>Encrypts <paramref name="plaintext"/> with the current master key, for the field named by <paramref name="purpose"/> (e.g. "integration:42:secretAccessKey").</summary>
    public EncryptedSecret Protect(string plaintext, string purpose)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var key = keys.Current;
        var nonce = RandomNumberGenerator.GetBytes(EncryptedSecret.NonceBytes);
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var ciphertext = new byte[clear.Length];
        var tag = new byte[EncryptedSecret.TagBytes];
        try
        {
            // One AesGcm per call: instances are not thread-safe, and a secret is encrypted rarely.
            using var aes = new AesGcm(key.Key, EncryptedSecret.TagBytes);
            aes.Encrypt(nonce, clear, ciphertext, tag, AssociatedData(purpose));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
        return new EncryptedSecret(key.Id, nonce, ciphertext, tag);
    }

    /// <summary>Decrypts a secret stored for <paramref name="purpose"/>, with whichever known master key encrypted it.</summary>
    /// <exception cref="SecretKeyNotFoundException">The secret's key is neither the current key nor in Secrets:PreviousKeys.</exception>
    /// <exception cref="SecretDecryptionException">The secret was changed, or belongs to another purpose.</exception>
    public string Unprotect(EncryptedSecret secret, string purpose)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (!keys.TryGet(secret.KeyId, out var key))
        {
            throw new SecretKeyNotFoundException(secret.KeyId, purpose);
        }
        var clear = new byte[secret.Ciphertext.Length];
        try
        {
            using var aes = new AesGcm(key.Key, EncryptedSecret.TagBytes);
            aes.Decrypt(secret.Nonce, secret.Ciphertext, secret.Tag, clear, AssociatedData(purpose));
            return Encoding.UTF8.GetString(clear);
        }
        catch (CryptographicException e)
        {
            throw new SecretDecryptionException(
                $"The secret for '{purpose}' (master key '{secret.KeyId}') does not decrypt: it was changed, or copied from another field. Enter it again.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
        }
    }

    /// <summary>True when the secret was encrypted with a key other than the current one.</summary>
    public bool NeedsRotation(EncryptedSecret secret) => secret.KeyId != keys.Current.Id;

    /// <summary>Decrypts with the old key and encrypts again with the current key, for the same purpose.</summary>
    public EncryptedSecret Reprotect(EncryptedSecret secret, string purpose) => Protect(Unprotect(secret, purpose), purpose);

    private static byte[] AssociatedData(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return Encoding.UTF8.GetBytes(AssociatedDataPrefix + purpose);
    }
}
