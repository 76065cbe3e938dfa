using System.Net;
using System.Xml.Linq;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AdminPortal.Tests.Security;

public sealed class KeyRingTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task Cookie_signing_keys_are_stored_encrypted_under_the_master_key_and_sessions_work()
    {
        var client = portal.CreateBrowserLikeClient();

        var signIn = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        var keyFiles = Directory.GetFiles(Path.Combine(portal.DataFolder, "keys"), "key-*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var file in keyFiles)
        {
            var xml = await File.ReadAllTextAsync(file);
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
        foreach (var file in Directory.GetFiles(Path.Combine(portal.DataFolder, "keys"), "key-*.xml"))
        {
            Assert.Contains($"<value>v1.{MasterKey.Fingerprint(Convert.FromBase64String(newKey))}.", await File.ReadAllTextAsync(file));
        }
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
