using System.Security.Cryptography;
using System.Text;
using AdminPortal.Core.Data;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>The key file the portal creates on first start when no Secrets:MasterKey is set: base64 of 32 random bytes, owner-only.</summary>
internal static class MasterKeyFile
{
    private const UnixFileMode OwnerOnlyFile = DataFolderPermissions.OwnerOnlyFile;
    private const UnixFileMode OwnerOnlyFolder = DataFolderPermissions.OwnerOnlyFolder;
    private const UnixFileMode GroupOrOthers = DataFolderPermissions.GroupOrOthers;

    /// <summary>Reads the key, creating the file first if it does not exist. Returns whether it was created.</summary>
    public static (byte[] Key, bool Created) ReadOrCreate(string path)
    {
        if (!File.Exists(path) && TryCreate(path) is { } created)
        {
            return (created, true);
        }
        return (Read(path), false);
    }

    private static byte[] Read(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupOrOthers) != 0)
            {
                throw new SecretsConfigurationException(
                    $"The secrets key file '{path}' can be read or changed by other users (mode {DataFolderPermissions.Octal(mode)}). " +
                    $"Run `chmod 600 '{path}'` (owned by the portal's user) and start again.");
            }
        }
        var text = File.ReadAllText(path, Encoding.ASCII);
        if (!SecretsOptionsValidator.TryDecodeKey(text, out var key, out var error))
        {
            throw new SecretsConfigurationException(
                $"The secrets key file '{path}' {error} Restore it from a backup: without it the stored secrets cannot be decrypted.");
        }
        return key;
    }

    /// <summary>Writes a new key; null when another portal instance created the file first.</summary>
    private static byte[]? TryCreate(string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        try
        {
            if (!Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows())
                {
                    Directory.CreateDirectory(folder);
                }
                else
                {
                    Directory.CreateDirectory(folder, OwnerOnlyFolder);
                }
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new SecretsConfigurationException(
                $"The secrets key file cannot be created in '{folder}' (permission denied). Set Secrets:KeyFile to a path the portal's " +
                "user can write, outside the data folder, or give the key in Secrets:MasterKey.");
        }

        var key = RandomNumberGenerator.GetBytes(SecretsOptionsValidator.KeyBytes);
        // Written under a temporary name and moved into place, so no instance ever reads half a key,
        // and created owner-only, so the key is never readable by others, not even for a moment.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, OwnerOnlyFile);
            }
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
