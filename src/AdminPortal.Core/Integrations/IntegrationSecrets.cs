using AdminPortal.CloudStorage;
using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Core.Integrations;

/// <summary>An integration's one secret, encrypted for <c>integration:{id}:{field}</c>; read back only to connect.</summary>
public sealed class IntegrationSecrets(SecretProtector protector)
{
    public void Store(StorageIntegration i, string secret)
    {
        var field = StorageIntegration.SecretField(i.AuthMethod) ?? throw new InvalidOperationException($"{i.AuthMethod} has no secret.");
        i.EncryptedSecret = protector.Protect(secret, StorageIntegration.SecretPurpose(i.Id, field)).ToString();
    }

    /// <summary>The stored secret, or why it cannot be read (as a failed connection test says it).</summary>
    public (string? Secret, ConnectionTestResult? Problem) Read(StorageIntegration i)
    {
        var field = StorageIntegration.SecretField(i.AuthMethod);
        if (field is null || i.EncryptedSecret is null)
        {
            return (null, null);
        }

        try
        {
            return (protector.Unprotect(EncryptedSecret.Parse(i.EncryptedSecret), StorageIntegration.SecretPurpose(i.Id, field)), null);
        }
        catch (Exception e) when (e is SecretDecryptionException or SecretKeyNotFoundException or FormatException)
        {
            return (null, new ConnectionTestResult(false, e.Message, "The stored secret cannot be read: delete the integration and create it again with the secret."));
        }
    }

    /// <summary>Stands in for a stored secret that could not be decrypted, so editing the destination is still validated.</summary>
    public static string? Placeholder(StorageIntegration i) => i.EncryptedSecret is null ? null : i.AuthMethod switch
    {
        IntegrationAuthMethod.AzureAccountKey => Convert.ToBase64String(new byte[64]),
        IntegrationAuthMethod.AzureSas => "sv=stored&sig=stored",
        IntegrationAuthMethod.GcpServiceAccountKey => null,
        _ => "stored",
    };
}
