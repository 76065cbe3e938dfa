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

/// <summary>A folder under the temp directory, deleted with the test.</summary>
internal sealed class TempDataFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("adminportal-secrets-").FullName;

    public string KeyFile => System.IO.Path.Combine(Path, "keys", "secrets.key");

    public void Dispose() => Directory.Delete(Path, recursive: true);
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
