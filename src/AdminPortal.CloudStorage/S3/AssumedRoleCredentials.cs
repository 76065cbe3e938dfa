using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace AdminPortal.CloudStorage.S3;

/// <summary>Credentials of an assumed role, renewed by the SDK before they expire.</summary>
internal sealed class AssumedRoleCredentials(IAmazonSecurityTokenService sts, AssumeRoleRequest request) : RefreshingAWSCredentials
{
    // Renew five minutes early so a long multipart upload never signs a part with expiring credentials.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    public AssumeRoleRequest Request => request;

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        // Only the SDK's synchronous signing path lands here; the portal calls the async APIs.
        GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        try
        {
            var response = await sts.AssumeRoleAsync(request);
            var credentials = response.Credentials;
            var expires = credentials.Expiration ?? DateTime.UtcNow.AddHours(1);
            return new CredentialsRefreshState(
                new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
                expires.ToUniversalTime() - Margin);
        }
        catch (AmazonServiceException ex)
        {
            throw new CloudStorageException(CloudStorageException.Describe(ex.ErrorCode, ex.Message), ex.ErrorCode, ex.StatusCode, ex)
            {
                FromRoleAssumption = true,
            };
        }
    }
}
