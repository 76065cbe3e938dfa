using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminPortal.Core.Security.Secrets;

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

    /// <summary>The key file the current key was read from; null when it comes from settings.</summary>
    public string? KeyFile { get; init; }

    /// <summary>The key file sits inside the data folder, so a copy of that folder decrypts every stored secret.</summary>
    public bool KeyFileInDataFolder { get; init; }

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
        string? keyFile = null;
        var inDataFolder = false;
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
            keyFile = path;
            inDataFolder = IsInside(path, dataFolder);
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

        if (inDataFolder)
        {
            logger.LogWarning(
                "The secrets key file {KeyFile} is inside the data folder {DataFolder}: a copy or backup of the data folder decrypts every stored secret. " +
                "Stop the portal and move it to {SafeKeyFile} (or set Secrets:KeyFile outside the data folder, or Secrets:MasterKey from the environment)",
                keyFile, Path.GetFullPath(dataFolder), DefaultKeyFilePath(dataFolder));
        }

        var previous = options.PreviousKeys.Select(p =>
        {
            SecretsOptionsValidator.TryDecodeKey(p.Key, out var key, out _);
            return new MasterKey(Named(p.Id, key), key);
        });
        return new MasterKeyRing(current, previous) { KeyFile = keyFile, KeyFileInDataFolder = inDataFolder };
    }

    /// <summary>
    /// Where the key file is (or will be), for messages and the documentation of a deployment: Secrets:KeyFile if set,
    /// else keys/secrets.key beside the data folder, unless only an older install's data/keys/secrets.key exists.
    /// </summary>
    public static string KeyFilePath(SecretsOptions options, string dataFolder)
    {
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            return Path.GetFullPath(Path.Combine(dataFolder, options.KeyFile));
        }

        var beside = DefaultKeyFilePath(dataFolder);
        // Before the key moved out of the data folder it was created there; such an install keeps its key (and is warned).
        var legacy = Path.GetFullPath(Path.Combine(dataFolder, SecretsOptions.DefaultKeyFile));
        return !File.Exists(beside) && File.Exists(legacy) ? legacy : beside;
    }

    /// <summary>keys/secrets.key in the data folder's parent (data/ and keys/ side by side); in the data folder only when it has no parent.</summary>
    public static string DefaultKeyFilePath(string dataFolder)
    {
        var folder = Path.GetFullPath(dataFolder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return Path.GetFullPath(Path.Combine(Path.GetDirectoryName(folder) ?? folder, SecretsOptions.DefaultKeyFile));
    }

    private static bool IsInside(string path, string folder)
    {
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return Path.GetFullPath(path).StartsWith(root, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static string Named(string? id, byte[] key) => string.IsNullOrWhiteSpace(id) ? MasterKey.Fingerprint(key) : id.Trim();
}
