using System.Security.Cryptography;
using System.Text.Json;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

public static class GoogleKeys
{
    /// <summary>A service account key JSON with a real RSA key, as the console downloads it, but naming <paramref name="tokenUri"/>.</summary>
    public static string ServiceAccountKey(string tokenUri)
    {
        using var rsa = RSA.Create(2048);
        return JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["type"] = "service_account",
            ["project_id"] = "acme-prod",
            ["private_key_id"] = "0123456789abcdef",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "adminportal@acme-prod.iam.gserviceaccount.com",
            ["client_id"] = "123456789012345678901",
            ["token_uri"] = tokenUri,
        });
    }
}
