using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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

/// <summary>The current master key (encrypts and decrypts) and the previous ones (decrypt only, during a rotation).</summary>
public sealed class MasterKeyRing
{
    private readonly Dictionary<string, MasterKey> byId;

    public MasterKeyRing(MasterKey current, IEnumerable<MasterKey> previous)
    {
        Current = current;
        byId = new Dictionary<string, MasterKey>(StringComparer.Ordinal) { [current.Id] = current };
        foreach (var key in previous)
        {
            if (byId.TryGetValue(key.Id, out var known))
            {
                if (!CryptographicOperations.FixedTimeEquals(known.Key, key.Key))
                {
                    throw new SecretsConfigurationException(
                        $"Two different secrets keys have the id '{key.Id}' (Secrets:MasterKeyId, the key file or Secrets:PreviousKeys). Give each key its own id.");
                }
                continue;
            }
            byId.Add(key.Id, key);
        }
    }

    public MasterKey Current { get; }

    /// <summary>Ids of every key that can decrypt, current first.</summary>
    public IReadOnlyList<string> KeyIds => [Current.Id, .. byId.Keys.Where(id => id != Current.Id)];

    public bool TryGet(string keyId, out MasterKey key) => byId.TryGetValue(keyId, out key!);

    /// <summary>
    /// Settings first (Secrets:MasterKey), else the key file, created on first start. A relative
    /// <see cref="SecretsOptions.KeyFile"/> is taken from <paramref name="dataFolder"/> (the database file's folder).
    /// </summary>
    public static MasterKeyRing Load(SecretsOptions options, string dataFolder, ILogger? logger = null)
    {
        logger ??= NullLogger.Instance;
        var errors = SecretsOptionsValidator.Errors(options);
        if (errors.Count > 0)
        {
            throw new SecretsConfigurationException(string.Join(" ", errors));
        }

        MasterKey current;
        if (!string.IsNullOrWhiteSpace(options.MasterKey))
        {
            SecretsOptionsValidator.TryDecodeKey(options.MasterKey, out var key, out _);
            current = new MasterKey(Named(options.MasterKeyId, key), key);
            logger.LogInformation("Secrets are encrypted with master key {KeyId} from settings", current.Id);
        }
        else
        {
            var path = KeyFilePath(options, dataFolder);
            var (key, created) = MasterKeyFile.ReadOrCreate(path);
            current = new MasterKey(MasterKey.Fingerprint(key), key);
            if (created)
            {
                logger.LogWarning(
                    "Created the secrets key file {KeyFile} (master key {KeyId}); back it up: stored secrets cannot be decrypted without it",
                    path, current.Id);
            }
            else
            {
                logger.LogInformation("Secrets are encrypted with master key {KeyId} from {KeyFile}", current.Id, path);
            }
        }

        var previous = options.PreviousKeys.Select(p =>
        {
            SecretsOptionsValidator.TryDecodeKey(p.Key, out var key, out _);
            return new MasterKey(Named(p.Id, key), key);
        });
        return new MasterKeyRing(current, previous);
    }

    /// <summary>Where the key file is (or will be), for messages and the documentation of a deployment.</summary>
    public static string KeyFilePath(SecretsOptions options, string dataFolder) =>
        Path.GetFullPath(Path.Combine(dataFolder, options.KeyFile));

    private static string Named(string? id, byte[] key) => string.IsNullOrWhiteSpace(id) ? MasterKey.Fingerprint(key) : id.Trim();
}
