using System.Runtime.CompilerServices;
using System.Xml.Linq;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security.Secrets;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Security;

/// <summary>
/// The cookie and antiforgery key ring (Data Protection's key-*.xml in data/keys) as a store of secrets, so that
/// `--rotate-secrets` re-encrypts it under the new master key too: left under the old key, removing that key from
/// Secrets:PreviousKeys made every key unreadable and signed everyone out.
/// </summary>
public sealed class DataProtectionKeyRingStore(IOptions<DatabaseOptions> database) : ISecretStore
{
    public string Name => "cookie key ring";

    /// <summary>Data Protection's key folder: keys/ in the data folder (its keys are encrypted, unlike the master key).</summary>
    public static string Folder(DatabaseOptions database) => Path.Combine(Path.GetDirectoryName(database.FullPath)!, "keys");

    public async IAsyncEnumerable<StoredSecret> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var folder = Folder(database.Value);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var value = Value(await LoadAsync(file, ct));
            if (value is not null)
            {
                yield return new StoredSecret(Path.GetFileName(file), MasterKeyXmlEncryptor.Purpose, EncryptedSecret.Parse(value.Value));
            }
        }
    }

    public async Task<bool> ReplaceAsync(StoredSecret expected, EncryptedSecret replacement, CancellationToken ct)
    {
        var file = Path.Combine(Folder(database.Value), expected.Id);
        var document = await LoadAsync(file, ct);
        var value = Value(document);
        if (value is null || value.Value != expected.Secret.ToString())
        {
            return false;
        }

        value.Value = replacement.ToString();
        // Written beside and moved over, so that a portal reading the ring never sees half a key.
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = DataFolderPermissions.OwnerOnlyFile;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            {
                await document.SaveAsync(stream, SaveOptions.None, ct);
            }

            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return true;
    }

    private static async Task<XDocument> LoadAsync(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return await XDocument.LoadAsync(stream, LoadOptions.PreserveWhitespace, ct);
    }

    /// <summary>The master-key ciphertext written by <see cref="MasterKeyXmlEncryptor"/>; null for a key it did not encrypt.</summary>
    private static XElement? Value(XDocument document) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == "encryptedKey")?.Element("value");
}
