using System.Runtime.CompilerServices;
using System.Xml.Linq;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security.Secrets;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Web.Security;

/// <summary>
/// The cookie and antiforgery key ring (Data Protection's keys, rows of DataProtectionKeys shared by every node) as a
/// store of secrets, so that `--rotate-secrets` re-encrypts it under the new master key too: left under the old key,
/// removing that key from Secrets:PreviousKeys made every key unreadable and signed everyone out.
/// </summary>
public sealed class DataProtectionKeyRingStore(IDbContextFactory<PortalDbContext> dbFactory) : ISecretStore
{
    public string Name => "cookie key ring";

    /// <summary>Where the key ring was kept before it moved into the database: keys/ in the data folder.</summary>
    public static string Folder(DatabaseOptions database) => Path.Combine(Path.GetDirectoryName(database.FullPath)!, "keys");

    public async IAsyncEnumerable<StoredSecret> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
        foreach (var key in keys)
        {
            if (key.Xml is not null && Value(XDocument.Parse(key.Xml, LoadOptions.PreserveWhitespace)) is { } value)
            {
                yield return new StoredSecret(key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), MasterKeyXmlEncryptor.Purpose,
                    EncryptedSecret.Parse(value.Value));
            }
        }
    }

    public async Task<bool> ReplaceAsync(StoredSecret expected, EncryptedSecret replacement, CancellationToken ct)
    {
        var id = int.Parse(expected.Id, System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.DataProtectionKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key?.Xml is null)
        {
            return false;
        }

        var document = XDocument.Parse(key.Xml, LoadOptions.PreserveWhitespace);
        var value = Value(document);
        if (value is null || value.Value != expected.Secret.ToString())
        {
            return false;
        }

        value.Value = replacement.ToString();
        // Only if the row still holds what was read: another node rotating at the same time does not lose its write.
        var replaced = document.ToString(SaveOptions.DisableFormatting);
        return await db.DataProtectionKeys.Where(k => k.Id == id && k.Xml == key.Xml)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.Xml, replaced), ct) == 1;
    }

    /// <summary>
    /// An install from before the key ring moved into the database: its key files (already encrypted under the master
    /// key) become rows once, so nobody is signed out by the upgrade. Files are left in place.
    /// </summary>
    public static async Task ImportFilesAsync(IDbContextFactory<PortalDbContext> dbFactory, DatabaseOptions database, CancellationToken ct = default)
    {
        var folder = Folder(database);
        if (database.Provider != DatabaseProvider.Sqlite || !Directory.Exists(folder))
        {
            return;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "key-*.xml").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!known.Contains(name))
            {
                db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = await File.ReadAllTextAsync(file, ct) });
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>The master-key ciphertext written by <see cref="MasterKeyXmlEncryptor"/>; null for a key it did not encrypt.</summary>
    private static XElement? Value(XDocument document) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == "encryptedKey")?.Element("value");
}
