using System.Net;
using System.Xml.Linq;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Security;

public sealed class KeyRingTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task Cookie_signing_keys_are_stored_in_the_database_encrypted_under_the_master_key_and_sessions_work()
    {
        var client = portal.CreateBrowserLikeClient();

        var signIn = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        var keys = await StoredKeysAsync();
        Assert.NotEmpty(keys);
        Assert.False(Directory.Exists(Path.Combine(portal.DataFolder, "keys")) && Directory.GetFiles(Path.Combine(portal.DataFolder, "keys"), "key-*.xml").Length > 0);
        foreach (var xml in keys)
        {
            Assert.Contains("<encryptedKey", xml);
            Assert.Contains("<value>v1.", xml);
            Assert.DoesNotContain("<masterKey", xml);
        }
    }

    [Fact]
    public void A_key_written_under_the_master_key_reads_back_on_the_next_start()
    {
        var protector = portal.Services.GetRequiredService<SecretProtector>();
        var key = new XElement("masterKey", new XElement("value", "c2VjcmV0LWtleS1tYXRlcmlhbA=="));

        var encrypted = new MasterKeyXmlEncryptor(protector).Encrypt(key);
        var decrypted = new MasterKeyXmlDecryptor(portal.Services).Decrypt(encrypted.EncryptedElement);

        Assert.Equal(typeof(MasterKeyXmlDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain("c2VjcmV0", encrypted.EncryptedElement.ToString());
        Assert.Equal(key.ToString(), decrypted.ToString());
    }

    [Fact]
    public async Task After_rotate_secrets_and_removing_the_old_master_key_a_cookie_issued_before_still_signs_in()
    {
        var (oldKey, newKey) = (NewKey(), NewKey());
        IEnumerable<string> cookies;
        using (var before = WithKeys(oldKey))
        {
            var signIn = await PortalFactory.SignInAsync(before.CreateClient(new() { AllowAutoRedirect = false }), PortalFactory.AdminEmail, PortalFactory.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            cookies = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("AdminPortal.Auth")).ToList();
            Assert.NotEmpty(cookies);
        }

        using (var rotating = WithKeys(newKey, previousKey: oldKey))
        {
            var result = await rotating.Services.GetRequiredService<SecretRotation>().RunAsync();
            Assert.True(result.Succeeded, result.ToString());
        }

        using var after = WithKeys(newKey);
        var client = after.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var keys = await StoredKeysAsync();
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            Assert.Contains($"<value>v1.{MasterKey.Fingerprint(Convert.FromBase64String(newKey))}.", xml);
        }
    }

    [Fact]
    public async Task Key_files_of_an_install_from_before_the_database_key_ring_are_imported_so_its_cookies_still_sign_in()
    {
        // An install whose portal kept its key ring in data/keys: the key files and a cookie issued under them.
        IEnumerable<string> cookies;
        using (var before = portal.WithWebHostBuilder(_ => { }))
        {
            var signIn = await PortalFactory.SignInAsync(before.CreateClient(new() { AllowAutoRedirect = false }), PortalFactory.AdminEmail, PortalFactory.Password);
            cookies = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Where(c => c.StartsWith("AdminPortal.Auth")).ToList();
        }

        var folder = Directory.CreateDirectory(Path.Combine(portal.DataFolder, "keys")).FullName;
        await using (var db = NewContext())
        {
            foreach (var key in await db.DataProtectionKeys.ToListAsync())
            {
                await File.WriteAllTextAsync(Path.Combine(folder, key.FriendlyName + ".xml"), key.Xml);
            }

            await db.DataProtectionKeys.ExecuteDeleteAsync();
        }

        using var upgraded = portal.WithWebHostBuilder(_ => { });
        var client = upgraded.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(await StoredKeysAsync());
    }

    // Not through a host of the factory: a host started under another master key would add a key of its own to the ring.
    private PortalDbContext NewContext() => new(PortalDatabase.Configure(new DbContextOptionsBuilder<PortalDbContext>(), DatabaseProvider.Sqlite,
        new DatabaseOptions { Path = portal.DatabasePath }.ConnectionString()).Options);

    private async Task<List<string>> StoredKeysAsync()
    {
        await using var db = NewContext();
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    private WebApplicationFactory<Program> WithKeys(string masterKey, string? previousKey = null) => portal.WithWebHostBuilder(b =>
    {
        b.UseSetting("Secrets:MasterKey", masterKey);
        if (previousKey is not null)
        {
            b.UseSetting("Secrets:PreviousKeys:0:Key", previousKey);
        }
    });

    private static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public void Dispose() => portal.Dispose();
}
