namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>The storage account's access key (Shared Key signing).</summary>
public sealed record AzureSharedKeyAuth(string AccountKey) : AzureAuth
{
    public override string ToString() => $"{nameof(AzureSharedKeyAuth)} {{ AccountKey = *** }}";
}
