namespace AdminPortal.Core.Integrations;

/// <summary>A customer's bucket or container that audit logs are exported to, with how to reach it and its last test.</summary>
public sealed class StorageIntegration
{
    /// <summary>Chosen before the insert, so secrets can be encrypted for <c>integration:{Id}:{field}</c> in the same save.</summary>
    public Guid Id { get; set; }

    public string Name { get; set; } = "";
    public IntegrationCloud Cloud { get; set; }
    public IntegrationAuthMethod AuthMethod { get; set; }

    /// <summary>The S3 or GCS bucket, or the Azure container.</summary>
    public string Bucket { get; set; } = "";

    /// <summary>The Azure storage account.</summary>
    public string? AccountName { get; set; }

    public string Prefix { get; set; } = "";

    /// <summary>The S3 region.</summary>
    public string? Region { get; set; }

    /// <summary>An S3-compatible store, an Azure blob endpoint or a GCS endpoint other than the cloud's own.</summary>
    public string? ServiceUrl { get; set; }

    public bool PathStyle { get; set; }
    public string? RoleArn { get; set; }
    public string? TenantId { get; set; }
    public string? AccessKeyId { get; set; }

    /// <summary>AWS: 32 random bytes, base64url; the condition of the customer's trust policy.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The one secret of the auth method (secret access key, account key, SAS, key JSON) as <c>v1.&lt;keyId&gt;.&lt;base64&gt;</c>.</summary>
    public string? EncryptedSecret { get; set; }

    /// <summary><c>SUCCESS</c> or the cloud's own error text; null before the first test.</summary>
    public string? LastTestStatus { get; set; }

    public string? LastTestHint { get; set; }
    public DateTime? LastTestedAtUtc { get; set; }
    public int ConsecutiveFailures { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The field name in the secret's purpose, by auth method; null when the method has no secret.</summary>
    public static string? SecretField(IntegrationAuthMethod method) => method switch
    {
        IntegrationAuthMethod.AwsAccessKey => "secretAccessKey",
        IntegrationAuthMethod.AzureAccountKey => "accountKey",
        IntegrationAuthMethod.AzureSas => "sasToken",
        IntegrationAuthMethod.GcpServiceAccountKey => "keyJson",
        _ => null,
    };

    public static string SecretPurpose(Guid id, string field) => $"integration:{id:D}:{field}";

    /// <summary>Records what a connection test, the health check or an export run found about the connection.</summary>
    public void RecordTest(CloudStorage.ConnectionTestResult result, DateTime atUtc)
    {
        LastTestStatus = result.Status;
        LastTestHint = result.Hint;
        LastTestedAtUtc = atUtc;
        ConsecutiveFailures = result.Success ? 0 : ConsecutiveFailures + 1;
    }

    public static IntegrationCloud CloudOf(IntegrationAuthMethod method) => method switch
    {
        IntegrationAuthMethod.AwsRole or IntegrationAuthMethod.AwsAccessKey => IntegrationCloud.Aws,
        IntegrationAuthMethod.AzureApplication or IntegrationAuthMethod.AzureAccountKey or IntegrationAuthMethod.AzureSas => IntegrationCloud.Azure,
        _ => IntegrationCloud.Gcp,
    };

    /// <summary>How the destination reads on a page: s3://bucket/prefix, https://account.../container/prefix, gs://bucket/prefix.</summary>
    public string DisplayDestination => DestinationPath.Format(Cloud, Bucket, AccountName, Prefix);
}
