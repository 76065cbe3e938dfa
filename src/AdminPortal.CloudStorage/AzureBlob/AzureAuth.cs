namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>How the portal authenticates to Azure Blob Storage.</summary>
public abstract record AzureAuth;
