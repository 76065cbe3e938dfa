using System.Text.Json;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Policies;
using AdminPortal.CloudStorage.S3;

namespace AdminPortal.CloudStorage.Tests.Policies;

public sealed class PolicyDocumentsTests
{
    private const string PortalUser = "arn:aws:iam::111122223333:user/adminportal";
    private const string ExternalId = "ap-7f3c2a91-4b6e-4d0e-9a51-0c8e2f6d1b44";

    private static readonly S3Destination RoleDestination = new("acme-audit", "/exports/audit/", "eu-west-1",
        new S3AssumeRoleAuth("arn:aws:iam::123456789012:role/AuditExport", ExternalId));

    [Fact]
    public void A_placeholder_principal_reads_as_written_in_the_trust_policy()
    {
        var trust = PolicyDocuments.ForS3(RoleDestination, "<the portal's IAM user ARN>", ExternalId).TrustPolicyJson;

        Assert.Contains("\"AWS\": \"<the portal's IAM user ARN>\"", trust);
        Assert.DoesNotContain("\\u00", trust);
    }

    [Fact]
    public void The_IAM_policy_limits_listing_to_the_prefix_and_objects_to_the_prefix_folder()
    {
        using var policy = JsonDocument.Parse(PolicyDocuments.ForS3(RoleDestination, PortalUser, ExternalId).AccessPolicyJson);
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();

        Assert.Equal("2012-10-17", policy.RootElement.GetProperty("Version").GetString());
        var list = statements.Single(s => Actions(s).Contains("s3:ListBucket"));
        Assert.Equal("arn:aws:s3:::acme-audit", list.GetProperty("Resource").GetString());
        Assert.Equal(["exports/audit/", "exports/audit/*"],
            list.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix").EnumerateArray().Select(e => e.GetString()));
        var locate = statements.Single(s => Actions(s).Contains("s3:GetBucketLocation"));
        Assert.Equal("arn:aws:s3:::acme-audit", locate.GetProperty("Resource").GetString());
        var objects = statements.Single(s => Actions(s).Contains("s3:PutObject"));
        Assert.Equal("arn:aws:s3:::acme-audit/exports/audit/*", objects.GetProperty("Resource").GetString());
        Assert.Equal(["s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:AbortMultipartUpload"], Actions(objects));
        Assert.All(statements, s => Assert.Equal("Allow", s.GetProperty("Effect").GetString()));
    }

    [Fact]
    public void Without_a_prefix_the_IAM_policy_covers_the_whole_bucket_and_lists_without_condition()
    {
        using var policy = JsonDocument.Parse(PolicyDocuments.ForS3(RoleDestination with { Prefix = "" }, PortalUser, ExternalId).AccessPolicyJson);
        var statements = policy.RootElement.GetProperty("Statement").EnumerateArray().ToList();

        Assert.False(statements.Single(s => Actions(s).Contains("s3:ListBucket")).TryGetProperty("Condition", out _));
        Assert.Equal("arn:aws:s3:::acme-audit/*", statements.Single(s => Actions(s).Contains("s3:PutObject")).GetProperty("Resource").GetString());
    }

    [Fact]
    public void GovCloud_and_China_regions_use_their_own_ARN_partition()
    {
        Assert.Contains("arn:aws-us-gov:s3:::acme-audit/exports/audit/*",
            PolicyDocuments.ForS3(RoleDestination with { Region = "us-gov-west-1" }, PortalUser, ExternalId).AccessPolicyJson);
        Assert.Contains("arn:aws-cn:s3:::acme-audit/exports/audit/*",
            PolicyDocuments.ForS3(RoleDestination with { Region = "cn-north-1" }, PortalUser, ExternalId).AccessPolicyJson);
    }

    [Fact]
    public void The_trust_policy_names_the_portal_user_and_requires_the_External_ID()
    {
        using var trust = JsonDocument.Parse(PolicyDocuments.ForS3(RoleDestination, PortalUser, ExternalId).TrustPolicyJson);
        var statement = Assert.Single(trust.RootElement.GetProperty("Statement").EnumerateArray());

        Assert.Equal("Allow", statement.GetProperty("Effect").GetString());
        Assert.Equal(PortalUser, statement.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal("sts:AssumeRole", statement.GetProperty("Action").GetString());
        Assert.Equal(ExternalId, statement.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString());
    }

    [Fact]
    public void The_AWS_commands_create_the_role_from_the_trust_policy_and_attach_the_access_policy()
    {
        var commands = PolicyDocuments.ForS3(RoleDestination, PortalUser, ExternalId).CliCommands;

        Assert.Contains("aws iam create-role --role-name AdminPortalAuditExport --assume-role-policy-document file://adminportal-trust-policy.json", commands);
        Assert.Contains("aws iam put-role-policy --role-name AdminPortalAuditExport --policy-name AdminPortalAuditExport "
            + "--policy-document file://adminportal-s3-policy.json", commands);
    }

    [Fact]
    public void The_lifecycle_rule_aborts_incomplete_uploads_under_the_prefix()
    {
        using var lifecycle = JsonDocument.Parse(PolicyDocuments.ForS3(RoleDestination, PortalUser, ExternalId).LifecycleJson);
        var rule = Assert.Single(lifecycle.RootElement.GetProperty("Rules").EnumerateArray());

        Assert.Equal("exports/audit/", rule.GetProperty("Filter").GetProperty("Prefix").GetString());
        Assert.Equal(2, rule.GetProperty("AbortIncompleteMultipartUpload").GetProperty("DaysAfterInitiation").GetInt32());
    }

    [Fact]
    public void The_GCP_custom_role_holds_exactly_the_four_storage_permissions()
    {
        var set = PolicyDocuments.ForGcs(new GcsDestination("acme-audit", "exports", new GcsAnonymousAuth()), "adminportal@portal-prod.iam.gserviceaccount.com", "acme-prod");
        using var role = JsonDocument.Parse(set.CustomRoleJson);

        Assert.Equal(["storage.objects.create", "storage.objects.delete", "storage.objects.list", "storage.buckets.get"],
            role.RootElement.GetProperty("includedPermissions").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("GA", role.RootElement.GetProperty("stage").GetString());
        Assert.Equal([
            "gcloud iam roles create adminPortalAuditExport --project=acme-prod --file=adminportal-gcs-role.json",
            "gcloud storage buckets add-iam-policy-binding gs://acme-audit --member=serviceAccount:adminportal@portal-prod.iam.gserviceaccount.com "
                + "--role=projects/acme-prod/roles/adminPortalAuditExport",
        ], set.CliCommands);
    }

    [Fact]
    public void The_Azure_grant_is_Storage_Blob_Data_Contributor_on_the_container_scope()
    {
        var destination = new AzureBlobDestination("acmeaudit", "audit-exports", "exports", new AzureSasAuth("sv=x&sig=y"));

        var set = PolicyDocuments.ForAzure(destination, "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04", "AdminPortal Export", "sub-1", "rg-audit", "contoso.onmicrosoft.com");

        Assert.Equal("Storage Blob Data Contributor", set.RoleName);
        Assert.Equal("/subscriptions/sub-1/resourceGroups/rg-audit/providers/Microsoft.Storage/storageAccounts/acmeaudit/blobServices/default/containers/audit-exports",
            set.Scope);
        Assert.Equal("https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04", set.ConsentUrl);
        Assert.Contains("az role assignment create --assignee 0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04 --role 'Storage Blob Data Contributor' "
            + $"--scope {set.Scope}", set.CliCommands);
        Assert.Contains("AdminPortal Export", set.Hint);
    }

    [Fact]
    public void Shell_values_with_spaces_or_quotes_are_single_quoted()
    {
        Assert.Equal("plain-value_1", PolicyDocuments.Quote("plain-value_1"));
        Assert.Equal("'two words'", PolicyDocuments.Quote("two words"));
        Assert.Equal("'it'\\''s'", PolicyDocuments.Quote("it's"));
        Assert.Equal("'$(rm -rf /)'", PolicyDocuments.Quote("$(rm -rf /)"));
    }

    private static IEnumerable<string?> Actions(JsonElement statement) => statement.GetProperty("Action").EnumerateArray().Select(a => a.GetString());
}
