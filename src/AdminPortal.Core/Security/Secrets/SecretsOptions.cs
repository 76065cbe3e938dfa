namespace AdminPortal.Core.Security.Secrets;

/// <summary>The master key that encrypts stored secrets (cloud credentials), and the keys it replaced.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>Base64 of 32 random bytes (`openssl rand -base64 32`); best from the environment (Secrets__MasterKey). Empty: use <see cref="KeyFile"/>.</summary>
    public string? MasterKey { get; set; }

    /// <summary>A name for <see cref="MasterKey"/> stored next to each secret; empty: a fingerprint of the key.</summary>
    public string? MasterKeyId { get; set; }

    /// <summary>
    /// Key file used when no MasterKey is set, created on first start; a relative path is taken from the database file's
    /// folder. Empty: <see cref="DefaultKeyFile"/> beside the data folder, so that a copy of the data folder alone decrypts
    /// nothing (an install that already has data/keys/secrets.key keeps using it, with a warning).
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>The key file's place relative to the data folder's parent folder when <see cref="KeyFile"/> is empty.</summary>
    public const string DefaultKeyFile = "keys/secrets.key";

    /// <summary>Keys still accepted for decryption while `--rotate-secrets` re-encrypts what they protect.</summary>
    public List<PreviousSecretKey> PreviousKeys { get; set; } = [];
}
