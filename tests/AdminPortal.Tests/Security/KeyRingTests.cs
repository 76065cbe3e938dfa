using System.Net;
using System.Xml.Linq;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using AdminPortal.Tests.Infrastructure;

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

    public void Dispose() => portal.Dispose();
}
