using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;

namespace AdminPortal.CloudStorage.Policies;

/// <summary>The exact documents shown by View credentials, limited to the destination's bucket and prefix.</summary>
public static class PolicyDocuments
{
    public const string AwsPolicyFile = "adminportal-s3-policy.json";
    public const string AwsTrustFile = "adminportal-trust-policy.json";
    public const string AwsLifecycleFile = "adminportal-lifecycle.json";
    public const string GcpRoleFile = "adminportal-gcs-role.json";
    public const string AzureRoleName = "Storage Blob Data Contributor";

    /// <summary>The only permissions the portal needs on a GCS bucket.</summary>
    public static IReadOnlyList<string> GcpPermissions { get; } =
        ["storage.objects.create", "storage.objects.delete", "storage.objects.list", "storage.buckets.get"];

    // Relaxed escaping: a placeholder such as <the portal's IAM user ARN> stays readable instead of \u003C...\u0027...
    // These documents are pasted into a cloud console or a file, never into HTML or script unencoded.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static AwsPolicySet ForS3(S3Destination destination, string portalPrincipalArn, string externalId, string roleName = "AdminPortalAuditExport")
    {
        var partition = AwsPartition(destination.Region);
        var bucketArn = $"arn:{partition}:s3:::{destination.Bucket}";
        var prefix = CloudStorageBase.NormalizePrefix(destination.Prefix);

        var list = new JsonObject
        {
            ["Sid"] = "ListExportPrefix",
            ["Effect"] = "Allow",
            ["Action"] = new JsonArray("s3:ListBucket"),
            ["Resource"] = bucketArn,
        };
        if (prefix.Length > 0)
        {
            list["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["s3:prefix"] = new JsonArray(prefix, prefix + "*") } };
        }

        var access = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                list,
                // GetBucketLocation has no s3:prefix in its request context: under the prefix condition it would always be denied.
                new JsonObject
                {
                    ["Sid"] = "LocateBucket",
                    ["Effect"] = "Allow",
                    ["Action"] = new JsonArray("s3:GetBucketLocation"),
                    ["Resource"] = bucketArn,
                },
                new JsonObject
                {
                    ["Sid"] = "WriteExports",
                    ["Effect"] = "Allow",
                    ["Action"] = new JsonArray("s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"),
                    ["Resource"] = $"{bucketArn}/{prefix}*",
                }),
        };

        var trust = new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(new JsonObject
            {
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = portalPrincipalArn },
                ["Action"] = "sts:AssumeRole",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["sts:ExternalId"] = externalId } },
            }),
        };

        // A failed run's multipart parts are invisible but billed; some stores cannot abort them, so the bucket cleans up.
        var lifecycle = new JsonObject
        {
            ["Rules"] = new JsonArray(new JsonObject
            {
                ["ID"] = "adminportal-abort-incomplete-uploads",
                ["Status"] = "Enabled",
                ["Filter"] = new JsonObject { ["Prefix"] = prefix },
                ["AbortIncompleteMultipartUpload"] = new JsonObject { ["DaysAfterInitiation"] = 2 },
            }),
        };

        string[] commands = destination.Auth is S3AccessKeyAuth
            ?
            [
                $"aws iam put-user-policy --user-name {Quote("<iam-user-name>")} --policy-name {roleName} --policy-document file://{AwsPolicyFile}",
                $"aws s3api put-bucket-lifecycle-configuration --bucket {Quote(destination.Bucket)} --lifecycle-configuration file://{AwsLifecycleFile}",
            ]
            :
            [
                $"aws iam create-role --role-name {Quote(roleName)} --assume-role-policy-document file://{AwsTrustFile}",
                $"aws iam put-role-policy --role-name {Quote(roleName)} --policy-name {Quote(roleName)} --policy-document file://{AwsPolicyFile}",
                $"aws s3api put-bucket-lifecycle-configuration --bucket {Quote(destination.Bucket)} --lifecycle-configuration file://{AwsLifecycleFile}",
            ];
        return new AwsPolicySet(access.ToJsonString(Indented), trust.ToJsonString(Indented), lifecycle.ToJsonString(Indented), commands);
    }

    public static GcpPolicySet ForGcs(GcsDestination destination, string serviceAccountEmail, string projectId, string roleId = "adminPortalAuditExport")
    {
        var role = new JsonObject
        {
            ["title"] = "AdminPortal audit export",
            ["description"] = $"Lets the AdminPortal write, list and delete audit log exports in gs://{destination.Bucket}.",
            ["stage"] = "GA",
            ["includedPermissions"] = new JsonArray(GcpPermissions.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
        };
        string[] commands =
        [
            // gcloud reads the role file as YAML, of which JSON is a subset.
            $"gcloud iam roles create {Quote(roleId)} --project={Quote(projectId)} --file={GcpRoleFile}",
            $"gcloud storage buckets add-iam-policy-binding gs://{Quote(destination.Bucket)} --member={Quote("serviceAccount:" + serviceAccountEmail)} "
                + $"--role={Quote($"projects/{projectId}/roles/{roleId}")}",
        ];
        return new GcpPolicySet(role.ToJsonString(Indented), GcpPermissions, commands);
    }

    public static AzurePolicySet ForAzure(AzureBlobDestination destination, string applicationId, string applicationName,
        string subscriptionId = "<subscription-id>", string resourceGroup = "<resource-group>", string? tenantId = null)
    {
        var scope = $"/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.Storage/storageAccounts/"
            + $"{destination.AccountName}/blobServices/default/containers/{destination.Container}";
        var consentUrl = $"https://login.microsoftonline.com/{Uri.EscapeDataString(tenantId ?? "organizations")}/adminconsent?client_id={Uri.EscapeDataString(applicationId)}";
        var hint = $"Consent to the application \"{applicationName}\" in your tenant, then assign it the role \"{AzureRoleName}\" "
            + $"on the container \"{destination.Container}\" of the storage account \"{destination.AccountName}\" (not on the whole account).";
        string[] commands =
        [
            $"az ad sp create --id {Quote(applicationId)}",
            $"az role assignment create --assignee {Quote(applicationId)} --role {Quote(AzureRoleName)} --scope {Quote(scope)}",
        ];
        return new AzurePolicySet(AzureRoleName, scope, consentUrl, hint, commands);
    }

    /// <summary>aws for commercial regions, aws-cn for China, aws-us-gov for GovCloud: ARNs differ by partition.</summary>
    internal static string AwsPartition(string region) => region switch
    {
        _ when region.StartsWith("cn-", StringComparison.Ordinal) => "aws-cn",
        _ when region.StartsWith("us-gov-", StringComparison.Ordinal) => "aws-us-gov",
        _ => "aws",
    };

    /// <summary>Single-quotes a value for a POSIX shell when it holds anything beyond safe characters.</summary>
    internal static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:@=,+".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''") + "'";
}
