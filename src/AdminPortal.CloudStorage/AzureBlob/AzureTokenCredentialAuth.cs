using Azure.Core;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>Any Azure.Identity credential (managed identity, workload identity...).</summary>
public sealed record AzureTokenCredentialAuth(TokenCredential Credential) : AzureAuth;
