using System.Xml.Linq;
using AdminPortal.Core.Security.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace AdminPortal.Web.Security;

/// <summary>
/// Encrypts the cookie and antiforgery keys (ASP.NET Data Protection's key ring in data/keys) under the portal's
/// master key, so that a copy of the data folder without the master key cannot forge sessions.
/// </summary>
public sealed class MasterKeyXmlEncryptor(SecretProtector protector) : IXmlEncryptor
{
    internal const string Purpose = "dataprotection:key-ring";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var secret = protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose);
        var element = new XElement("encryptedKey",
            new XComment(" AES-256-GCM under the AdminPortal master key (Secrets settings) "),
            new XElement("value", secret.ToString()));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}
