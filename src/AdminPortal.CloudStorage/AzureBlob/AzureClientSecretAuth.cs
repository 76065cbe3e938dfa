namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>A Microsoft Entra application (the portal's multi-tenant app, consented in the customer's tenant).</summary>
public sealed record AzureClientSecretAuth(string TenantId, string ClientId, string ClientSecret) : AzureAuth
{
    public override string ToString() => $"{nameof(AzureClientSecretAuth)} {{ TenantId = {TenantId}, ClientId = {ClientId}, ClientSecret = *** }}";
}
