using System.Security.Cryptography;
using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Core.Tests.Security.Secrets;

/// <summary>Keys, rings and a throwaway data folder for the secrets tests.</summary>
internal static class SecretsTestKeys
{
    public static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static MasterKeyRing Ring(string currentKey, params string[] previousKeys) =>
        MasterKeyRing.Load(
            new SecretsOptions
            {
                MasterKey = currentKey,
                PreviousKeys = previousKeys.Select(k => new PreviousSecretKey { Key = k }).ToList(),
            },
            dataFolder: "/nonexistent-because-a-settings-key-needs-no-file");

    public static SecretProtector Protector(string currentKey, params string[] previousKeys) => new(Ring(currentKey, previousKeys));
}

/// <summary>A data folder in a folder under the temp directory (the default key file goes beside it), deleted with the test.</summary>
internal sealed class TempDataFolder : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("adminportal-secrets-").FullName;

    public string Path => Directory.CreateDirectory(System.IO.Path.Combine(root, "data")).FullName;

    /// <summary>Where the key file goes by default: keys/ beside the data folder.</summary>
    public string KeyFile => System.IO.Path.Combine(root, "keys", "secrets.key");

    /// <summary>Where versions before the key moved out created it: inside the data folder.</summary>
    public string KeyFileInDataFolder => System.IO.Path.Combine(Path, "keys", "secrets.key");

    public void Dispose() => Directory.Delete(root, recursive: true);
}

/// <summary>File modes only mean something on Unix; Windows relies on the data folder's ACL.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes";
        }
    }
}
