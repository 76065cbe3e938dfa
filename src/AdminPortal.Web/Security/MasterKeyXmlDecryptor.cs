using System.Xml.Linq;
using AdminPortal.Core.Security.Secrets;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace AdminPortal.Web.Security;

/// <summary>Reads keys written by <see cref="MasterKeyXmlEncryptor"/>; Data Protection creates it with the service provider.</summary>
public sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var value = encryptedElement.Element("value")?.Value
            ?? throw new InvalidOperationException("A Data Protection key has no encrypted value.");
        var protector = services.GetRequiredService<SecretProtector>();
        return XElement.Parse(protector.Unprotect(EncryptedSecret.Parse(value), MasterKeyXmlEncryptor.Purpose));
    }
}
