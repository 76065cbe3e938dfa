namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>An account or container SAS token (with or without the leading '?').</summary>
public sealed record AzureSasAuth(string SasToken) : AzureAuth
{
    public override string ToString() => $"{nameof(AzureSasAuth)} {{ SasToken = *** }}";
}
