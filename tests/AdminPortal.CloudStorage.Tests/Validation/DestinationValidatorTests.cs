using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;
using AdminPortal.CloudStorage.Validation;
using FluentValidation;

namespace AdminPortal.CloudStorage.Tests.Validation;

public sealed class DestinationValidatorTests
{
    private const string ServiceAccountKey = """
        {"type": "service_account", "project_id": "acme-prod", "client_email": "adminportal@acme-prod.iam.gserviceaccount.com",
         "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n"}
        """;

    private static readonly IValidator<StorageDestination> Validator = new StorageDestinationValidator();

    private static readonly S3Destination ValidS3 = new("acme-audit", "exports/audit", "eu-west-1", new S3AccessKeyAuth("AKIAIOSFODNN7EXAMPLE", "secret"));

    private static readonly AzureBlobDestination ValidAzure = new("acmeaudit", "audit-exports", "exports", new AzureSharedKeyAuth(Convert.ToBase64String(new byte[64])));

    private static readonly GcsDestination ValidGcs = new("acme-audit", "exports", new GcsServiceAccountKeyAuth(ServiceAccountKey));

    [Fact]
    public void Valid_destinations_of_every_cloud_pass()
    {
        Assert.Empty(Errors(ValidS3));
        Assert.Empty(Errors(ValidAzure));
        Assert.Empty(Errors(ValidGcs));
        Assert.Empty(Errors(ValidS3 with { Auth = new S3AssumeRoleAuth("arn:aws:iam::123456789012:role/exports/AuditExport", "ap-1234-abcd") }));
        Assert.Empty(Errors(ValidAzure with { Auth = new AzureSasAuth("?sv=2025-11-05&ss=b&srt=co&sp=rwdl&sig=abc%3D") }));
        Assert.Empty(Errors(ValidAzure with { Auth = new AzureClientSecretAuth("72f988bf-86f1-41af-91ab-2d7cd011db47", "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04", "s3cr3t") }));
        Assert.Empty(Errors(ValidGcs with { Auth = new GcsAnonymousAuth(), EndpointUrl = "http://127.0.0.1:9199" }));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("my.audit-logs.2026")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Good_S3_bucket_names_pass(string bucket) => Assert.Empty(Errors(ValidS3 with { Bucket = bucket }));

    [Theory]
    [InlineData("", "Enter the bucket name.")]
    [InlineData("ab", "A bucket name is 3 to 63 characters long.")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234", "A bucket name is 3 to 63 characters long.")]
    [InlineData("Audit-Logs", "A bucket name may contain only lowercase letters, digits, dots (.) and hyphens (-).")]
    [InlineData("audit_logs", "A bucket name may contain only lowercase letters, digits, dots (.) and hyphens (-).")]
    [InlineData("-audit", "A bucket name must begin and end with a letter or a digit.")]
    [InlineData("audit.", "A bucket name must begin and end with a letter or a digit.")]
    [InlineData("audit..logs", "A bucket name cannot contain two dots in a row.")]
    [InlineData("192.168.5.4", "A bucket name cannot look like an IP address (such as 192.168.5.4).")]
    [InlineData("xn--audit", "A bucket name cannot start with \"xn--\" or \"sthree-\" (AWS reserves them).")]
    [InlineData("audit-s3alias", "A bucket name cannot end with \"-s3alias\" or \"--ol-s3\" (AWS reserves them for access points).")]
    public void Bad_S3_bucket_names_say_what_to_change(string bucket, string message) =>
        Assert.Equal([message], Errors(ValidS3 with { Bucket = bucket }));

    [Theory]
    [InlineData("abc")]
    [InlineData("acmeaudit2026")]
    [InlineData("a23456789012345678901234")]
    public void Good_Azure_account_names_pass(string account) => Assert.Empty(Errors(ValidAzure with { AccountName = account }));

    [Theory]
    [InlineData("ab", "A storage account name is 3 to 24 characters long.")]
    [InlineData("a234567890123456789012345", "A storage account name is 3 to 24 characters long.")]
    [InlineData("acme-audit", "A storage account name may contain only lowercase letters and digits (no hyphens, dots or capitals).")]
    [InlineData("AcmeAudit", "A storage account name may contain only lowercase letters and digits (no hyphens, dots or capitals).")]
    public void Bad_Azure_account_names_say_what_to_change(string account, string message) =>
        Assert.Equal([message], Errors(ValidAzure with { AccountName = account }));

    [Theory]
    [InlineData("abc")]
    [InlineData("audit-exports-2026")]
    public void Good_Azure_container_names_pass(string container) => Assert.Empty(Errors(ValidAzure with { Container = container }));

    [Theory]
    [InlineData("ab", "A container name is 3 to 63 characters long.")]
    [InlineData("audit_exports", "A container name may contain only lowercase letters, digits and hyphens (-).")]
    [InlineData("Audit", "A container name may contain only lowercase letters, digits and hyphens (-).")]
    [InlineData("-audit", "A container name must begin and end with a letter or a digit.")]
    [InlineData("audit-", "A container name must begin and end with a letter or a digit.")]
    [InlineData("audit--exports", "A container name cannot contain two hyphens in a row.")]
    public void Bad_Azure_container_names_say_what_to_change(string container, string message) =>
        Assert.Equal([message], Errors(ValidAzure with { Container = container }));

    [Theory]
    [InlineData("abc")]
    [InlineData("audit_exports-2026")]
    [InlineData("exports.acme.example.com")]
    public void Good_GCS_bucket_names_pass(string bucket) => Assert.Empty(Errors(ValidGcs with { Bucket = bucket }));

    [Fact]
    public void A_GCS_bucket_name_with_dots_may_reach_222_characters_but_no_part_may_exceed_63()
    {
        var part = new string('a', 63);
        var longDotted = string.Join('.', part, part, part, new string('b', 30)); // 222 characters

        Assert.Equal(222, longDotted.Length);
        Assert.Empty(Errors(ValidGcs with { Bucket = longDotted }));
        Assert.Equal(["A bucket name is 3 to 63 characters long (up to 222 when it contains dots)."], Errors(ValidGcs with { Bucket = longDotted + "b" }));
        Assert.Equal(["Each dot-separated part of a bucket name is 1 to 63 characters long."], Errors(ValidGcs with { Bucket = new string('a', 64) + ".example" }));
    }

    [Theory]
    [InlineData("ab", "A bucket name is 3 to 63 characters long (up to 222 when it contains dots).")]
    [InlineData("Audit", "A bucket name may contain only lowercase letters, digits, hyphens (-), underscores (_) and dots (.).")]
    [InlineData("_audit", "A bucket name must begin and end with a letter or a digit.")]
    [InlineData("audit-", "A bucket name must begin and end with a letter or a digit.")]
    [InlineData("10.0.0.1", "A bucket name cannot look like an IP address (such as 192.168.5.4).")]
    [InlineData("goog-audit", "A bucket name cannot start with \"goog\".")]
    [InlineData("my-google-audit", "A bucket name cannot contain \"google\" or a close misspelling of it.")]
    [InlineData("my-g00gle-audit", "A bucket name cannot contain \"google\" or a close misspelling of it.")]
    public void Bad_GCS_bucket_names_say_what_to_change(string bucket, string message) =>
        Assert.Equal([message], Errors(ValidGcs with { Bucket = bucket }));

    [Theory]
    [InlineData("")]
    [InlineData("exports")]
    [InlineData("exports/audit/2026/")]
    [InlineData("exports/audit log+1")]
    public void Good_prefixes_pass(string prefix) => Assert.Empty(Errors(ValidS3 with { Prefix = prefix }));

    [Theory]
    [InlineData("/exports", "A prefix does not start with \"/\": write \"exports/audit\", not \"/exports/audit\".")]
    [InlineData("exports/../secrets", "A prefix cannot contain \".\" or \"..\" folders.")]
    [InlineData("..", "A prefix cannot contain \".\" or \"..\" folders.")]
    [InlineData("exports\tlogs", "A prefix cannot contain control characters (tabs, line breaks).")]
    public void Bad_prefixes_say_what_to_change(string prefix, string message) =>
        Assert.Equal([message], Errors(ValidGcs with { Prefix = prefix }));

    [Fact]
    public void A_prefix_is_limited_to_1024_bytes_of_UTF8_not_characters()
    {
        Assert.Empty(Errors(ValidAzure with { Prefix = new string('a', 1024) }));
        Assert.Equal(["A prefix is at most 1024 bytes long."], Errors(ValidAzure with { Prefix = new string('é', 513) }));
    }

    [Theory]
    [InlineData("arn:aws:iam::123456789012:role/AuditExport")]
    [InlineData("arn:aws:iam::123456789012:role/service-role/exports/Audit+Export=1,a.b@c-d_e")]
    [InlineData("arn:aws-us-gov:iam::123456789012:role/AuditExport")]
    public void Good_role_ARNs_pass(string arn) => Assert.Empty(Errors(WithRole(arn)));

    [Theory]
    [InlineData("arn:aws:iam::12345678901:role/AuditExport")]
    [InlineData("arn:aws:iam::123456789012:user/AuditExport")]
    [InlineData("arn:aws:s3:::acme-audit")]
    [InlineData("AuditExport")]
    [InlineData("arn:aws:iam::123456789012:role/")]
    [InlineData("arn:aws:iam::123456789012:role/Audit Export")]
    public void Bad_role_ARNs_show_the_expected_shape(string arn) =>
        Assert.Equal(["A role ARN looks like arn:aws:iam::123456789012:role/AuditExport: the 12-digit account id, then role/ and the role name "
            + "(a path such as role/exports/AuditExport is allowed)."], Errors(WithRole(arn)));

    [Theory]
    [InlineData("x", "An External ID is 2 to 1224 letters, digits or the characters + = , . @ : / - _.")]
    [InlineData("has space", "An External ID is 2 to 1224 letters, digits or the characters + = , . @ : / - _.")]
    [InlineData("", "Enter the External ID.")]
    public void Bad_External_IDs_say_what_is_allowed(string externalId, string message) =>
        Assert.Equal([message], Errors(ValidS3 with { Auth = new S3AssumeRoleAuth("arn:aws:iam::123456789012:role/AuditExport", externalId) }));

    [Theory]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db47", true)]
    [InlineData("72F988BF-86F1-41AF-91AB-2D7CD011DB47", true)]
    [InlineData("contoso.onmicrosoft.com", false)]
    [InlineData("72f988bf86f141af91ab2d7cd011db47", false)]
    [InlineData("72f988bf-86f1-41af-91ab-2d7cd011db4", false)]
    public void The_tenant_id_must_be_a_GUID(string tenantId, bool valid)
    {
        var errors = Errors(ValidAzure with { Auth = new AzureClientSecretAuth(tenantId, "0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04", "s3cr3t") });

        Assert.Equal(valid ? [] : ["A tenant id is a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47 (Microsoft Entra admin center > Overview)."], errors);
    }

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("eu-central-2", true)]
    [InlineData("ap-southeast-4", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("US-EAST-1", false)]
    [InlineData("us-east", false)]
    [InlineData("europe-west1", false)]
    [InlineData("Frankfurt", false)]
    public void AWS_regions_must_have_the_AWS_shape(string region, bool valid) =>
        Assert.Equal(valid ? [] : ["An AWS region looks like us-east-1, eu-central-2 or ap-southeast-1."], Errors(ValidS3 with { Region = region }));

    [Fact]
    public void S3_compatible_stores_accept_their_own_region_names_and_key_ids()
    {
        var minio = ValidS3 with { Region = "auto", ServiceUrl = "https://minio.internal:9000", Auth = new S3AccessKeyAuth("minioadmin", "minioadmin") };

        Assert.Empty(Errors(minio));
        Assert.Equal(["An AWS access key id is 20 capital letters and digits starting with AKIA (or ASIA for temporary keys)."],
            Errors(minio with { ServiceUrl = null, Region = "us-east-1" }));
        Assert.Equal(["The service URL is a full http:// or https:// address without a query, such as https://s3.example.com:9000."],
            Errors(minio with { ServiceUrl = "minio.internal:9000" }));
    }

    [Fact]
    public void A_service_account_key_must_be_the_JSON_key_file_of_a_service_account()
    {
        Assert.Equal(["This is not a JSON object: paste the whole key file downloaded from the Google Cloud console."],
            Errors(ValidGcs with { Auth = new GcsServiceAccountKeyAuth("-----BEGIN PRIVATE KEY-----") }));
        Assert.Equal(["The key file's \"type\" must be \"service_account\", not \"authorized_user\": create a key for a service account."],
            Errors(ValidGcs with { Auth = new GcsServiceAccountKeyAuth(ServiceAccountKey.Replace("\"service_account\"", "\"authorized_user\"")) }));
        Assert.Equal(["The key file has no valid \"client_email\"."],
            Errors(ValidGcs with { Auth = new GcsServiceAccountKeyAuth(ServiceAccountKey.Replace("\"client_email\"", "\"email\"")) }));
        Assert.Equal(["The key file has no \"private_key\" in PEM form (-----BEGIN PRIVATE KEY-----)."],
            Errors(ValidGcs with { Auth = new GcsServiceAccountKeyAuth(ServiceAccountKey.Replace("-----BEGIN PRIVATE KEY-----", "")) }));
    }

    [Fact]
    public void A_key_JSON_whose_token_uri_is_not_Googles_is_refused()
    {
        Assert.Equal(["The key file's \"token_uri\" must be https://oauth2.googleapis.com/token, not \"http://127.0.0.1:8081/\": the portal sends a key's signed assertion to Google only. Paste the key file as the Google Cloud console downloaded it."],
            Errors(ValidGcs with { Auth = new GcsServiceAccountKeyAuth(ServiceAccountKey.Replace("\"type\"", "\"token_uri\": \"http://127.0.0.1:8081/\", \"type\"")) }));
        Assert.Empty(Errors(ValidGcs with { Auth = new GcsServiceAccountKeyAuth(ServiceAccountKey.Replace("\"type\"", "\"token_uri\": \"https://oauth2.googleapis.com/token\", \"type\"")) }));
    }

    [Fact]
    public void GCS_without_credentials_is_only_accepted_for_an_emulator_endpoint() =>
        Assert.Equal(["Google Cloud Storage needs a service account key; only an emulator endpoint works without one."],
            Errors(ValidGcs with { Auth = new GcsAnonymousAuth() }));

    [Fact]
    public void Azure_keys_and_SAS_tokens_must_look_like_what_the_portal_shows()
    {
        Assert.Equal(["The account key is the base64 text shown in the portal of the cloud (88 characters ending with ==); it looks cut or altered."],
            Errors(ValidAzure with { Auth = new AzureSharedKeyAuth("not a key") }));
        Assert.Equal(["A SAS token is the query part of a SAS URL and contains sv= and sig= (for example sv=2025-11-05&ss=b&...&sig=...)."],
            Errors(ValidAzure with { Auth = new AzureSasAuth("https://acmeaudit.blob.core.windows.net/") }));
        Assert.Equal(["The application (client) id is a GUID such as 0b8f4d2e-9a6c-4f1e-8d3b-2c7a5e9f1d04."],
            Errors(ValidAzure with { Auth = new AzureClientSecretAuth("72f988bf-86f1-41af-91ab-2d7cd011db47", "adminportal", "s3cr3t") }));
    }

    [Fact]
    public void Secrets_never_appear_when_a_destination_is_printed()
    {
        var printed = string.Join(" ", ValidS3 with { Auth = new S3AccessKeyAuth("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI") },
            ValidAzure with { Auth = new AzureSharedKeyAuth("c2VjcmV0LWtleQ==") }, ValidGcs,
            ValidAzure with { Auth = new AzureClientSecretAuth("t", "c", "client-s3cr3t") }, ValidAzure with { Auth = new AzureSasAuth("sv=1&sig=sasSig") });

        Assert.DoesNotContain("wJalrXUtnFEMI", printed);
        Assert.DoesNotContain("c2VjcmV0LWtleQ==", printed);
        Assert.DoesNotContain("BEGIN PRIVATE KEY", printed);
        Assert.DoesNotContain("client-s3cr3t", printed);
        Assert.DoesNotContain("sasSig", printed);
        Assert.Contains("AKIAIOSFODNN7EXAMPLE", printed);
    }

    private static S3Destination WithRole(string arn) => ValidS3 with { Auth = new S3AssumeRoleAuth(arn, "ap-1234-abcd") };

    private static List<string> Errors(StorageDestination destination) =>
        Validator.Validate(destination).Errors.Select(e => e.ErrorMessage).ToList();
}
