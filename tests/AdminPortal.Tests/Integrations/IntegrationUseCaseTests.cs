using System.Text.Json;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Integrations.Events;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

[Collection(IntegrationsCollection.Name)]
public sealed class IntegrationUseCaseTests(StoragePeers peers, IntegrationsPortal portal)
{
    private const string S3Secret = "s3rver-ignores-this-secret-Zq8";

    private IntegrationUseCases Integrations => portal.Integrations;

    private CreateIntegrationCommand S3(string name, string bucket = StoragePeers.S3Bucket, string prefix = "audit/") => new()
    {
        Name = name,
        AuthMethod = IntegrationAuthMethod.AwsAccessKey,
        Destination = new DestinationInput { Bucket = bucket, Prefix = prefix, Region = "us-east-1", ServiceUrl = peers.S3Url.AbsoluteUri, PathStyle = true },
        AccessKeyId = StoragePeers.S3AccessKeyId,
        Secret = WriteOnlySecret.FromInput(S3Secret),
    };

    private async Task<IntegrationSummary> CreateAsync(CreateIntegrationCommand command)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), command);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.AllMessages));
        return outcome.Value!;
    }

    [Fact]
    public async Task Creating_an_S3_integration_with_an_access_key_tests_it_and_stores_SUCCESS()
    {
        var created = await CreateAsync(S3("s3_created"));

        Assert.Equal("SUCCESS", created.LastTestStatus);
        Assert.Equal(0, created.ConsecutiveFailures);
        var listed = Assert.Single(await Integrations.List.HandleAsync(Principals.Admin()), i => i.Name == "s3_created");
        Assert.Equal("SUCCESS", listed.LastTestStatus);
        Assert.NotNull(listed.LastTestedAtUtc);
        Assert.Equal($"s3://{StoragePeers.S3Bucket}/audit/", listed.Destination);
    }

    [Fact]
    public async Task Creating_an_Azure_integration_with_an_account_key_tests_it_against_Azurite()
    {
        var created = await CreateAsync(new CreateIntegrationCommand
        {
            Name = "azure_created",
            AuthMethod = IntegrationAuthMethod.AzureAccountKey,
            Destination = new DestinationInput
            {
                AccountName = StoragePeers.AzureAccount, Bucket = StoragePeers.AzureContainer, Prefix = "audit/",
                ServiceUrl = $"{peers.AzureUrl.AbsoluteUri}{StoragePeers.AzureAccount}",
            },
            Secret = WriteOnlySecret.FromInput(StoragePeers.AzureAccountKey),
        });

        Assert.Equal("SUCCESS", created.LastTestStatus);
    }

    [Fact]
    public async Task Creating_with_a_missing_bucket_stores_the_clouds_NoSuchBucket_text_and_a_hint()
    {
        var created = await CreateAsync(S3("s3_missing_bucket", bucket: "no-such-bucket-here"));

        Assert.StartsWith("NoSuchBucket: ", created.LastTestStatus);
        Assert.Contains("does not exist", created.LastTestHint);
        Assert.Equal(1, created.ConsecutiveFailures);
    }

    [Fact]
    public async Task An_access_key_the_store_does_not_know_is_saved_with_the_stores_error_and_the_fix()
    {
        var created = await CreateAsync(S3("s3_unknown_key") with { AccessKeyId = "NOT-A-KNOWN-KEY" });

        Assert.StartsWith("InvalidAccessKeyId: ", created.LastTestStatus);
        Assert.Contains("access key id is not known", created.LastTestHint);
    }

    [Fact]
    public async Task A_name_is_generated_when_none_is_given()
    {
        var first = await CreateAsync(S3(name: "") with { Destination = S3("x").Destination with { Prefix = "generated/" } });
        var second = await CreateAsync(S3(name: "") with { Destination = S3("x").Destination with { Prefix = "generated/" } });

        Assert.Matches("^s3_audit_logs_[0-9]+$", first.Name);
        Assert.NotEqual(first.Name, second.Name);
        Assert.DoesNotContain(await Integrations.SuggestName.HandleAsync(Principals.Admin(), IntegrationCloud.Aws), new[] { first.Name, second.Name });
    }

    [Theory]
    [InlineData("Bad_Bucket", "Bucket", "A bucket name may contain only lowercase letters, digits, dots (.) and hyphens (-).")]
    [InlineData("ab", "Bucket", "A bucket name is 3 to 63 characters long.")]
    public async Task A_bad_bucket_name_gets_the_clouds_rule(string bucket, string field, string message)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), S3("s3_bad_bucket", bucket: bucket));

        Assert.Contains(message, outcome.Errors[field]);
        Assert.DoesNotContain(await Integrations.List.HandleAsync(Principals.Admin()), i => i.Name == "s3_bad_bucket");
    }

    [Fact]
    public async Task A_bad_role_ARN_is_explained()
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "s3_bad_role",
            AuthMethod = IntegrationAuthMethod.AwsRole,
            Destination = new DestinationInput { Bucket = "customer-audit", Region = "eu-west-1" },
            RoleArn = "arn:aws:iam::1234:role/AuditExport",
        });

        Assert.StartsWith("A role ARN looks like arn:aws:iam::123456789012:role/AuditExport", Assert.Single(outcome.Errors["RoleArn"]));
    }

    [Fact]
    public async Task A_tenant_id_that_is_not_a_GUID_is_explained()
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "azure_bad_tenant",
            AuthMethod = IntegrationAuthMethod.AzureApplication,
            Destination = new DestinationInput { AccountName = "customeraudit", Bucket = "audit-logs" },
            TenantId = "contoso.onmicrosoft.com",
        });

        Assert.StartsWith("A tenant id is a GUID", Assert.Single(outcome.Errors["TenantId"]));
    }

    [Theory]
    [InlineData("S3 Audit", "An integration name is 3 to 64 lowercase letters")]
    [InlineData("1_logs", "An integration name is 3 to 64 lowercase letters")]
    public async Task A_bad_integration_name_is_explained(string name, string message)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), S3(name));

        Assert.StartsWith(message, Assert.Single(outcome.Errors["Name"]));
    }

    [Fact]
    public async Task A_duplicate_name_is_refused()
    {
        await CreateAsync(S3("s3_twice"));

        var again = await Integrations.Create.HandleAsync(Principals.Admin(), S3("s3_twice"));

        Assert.Equal("An integration named \"s3_twice\" already exists: choose another name.", Assert.Single(again.Errors["Name"]));
    }

    [Fact]
    public async Task Secrets_are_encrypted_in_the_database_and_never_returned_by_view_credentials()
    {
        var created = await CreateAsync(S3("s3_secret"));

        var raw = await portal.RawSecretAsync(created.Id);
        var credentials = await Integrations.Credentials.HandleAsync(Principals.Admin(), created.Id);

        Assert.NotNull(raw);
        Assert.StartsWith("v1.", raw);
        Assert.DoesNotContain(S3Secret, raw);
        Assert.Equal(S3Secret, portal.Protector.Unprotect(EncryptedSecret.Parse(raw), $"integration:{created.Id:D}:secretAccessKey"));
        Assert.True(credentials!.Secret.IsStored);
        Assert.False(credentials.Secret.HasNewValue);
        Assert.DoesNotContain(S3Secret, JsonSerializer.Serialize(credentials));
        Assert.DoesNotContain(S3Secret, credentials.ToString());
    }

    [Fact]
    public async Task Each_AWS_integration_gets_its_own_External_ID_in_its_trust_policy()
    {
        var first = await CreateAsync(S3("s3_external_1"));
        var second = await CreateAsync(S3("s3_external_2"));

        var a = (await Integrations.Credentials.HandleAsync(Principals.Admin(), first.Id))!;
        var b = (await Integrations.Credentials.HandleAsync(Principals.Admin(), second.Id))!;

        Assert.Matches("^[A-Za-z0-9_-]{43}$", a.ExternalId);
        Assert.NotEqual(a.ExternalId, b.ExternalId);
        var trust = JsonDocument.Parse(a.Aws!.TrustPolicyJson).RootElement.GetProperty("Statement")[0];
        Assert.Equal(a.ExternalId, trust.GetProperty("Condition").GetProperty("StringEquals").GetProperty("sts:ExternalId").GetString());
        Assert.Equal(IntegrationsPortal.IamUserArn, trust.GetProperty("Principal").GetProperty("AWS").GetString());
        Assert.Equal(IntegrationsPortal.IamUserArn, a.PortalIamUserArn);
        Assert.Contains($"arn:aws:s3:::{StoragePeers.S3Bucket}/audit/*", a.Aws.AccessPolicyJson);
    }

    [Fact]
    public async Task View_credentials_of_an_Azure_integration_gives_the_consent_URL_for_its_tenant()
    {
        const string tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "azure_consent",
            AuthMethod = IntegrationAuthMethod.AzureApplication,
            Destination = new DestinationInput { AccountName = "customeraudit", Bucket = "audit-logs", Prefix = "portal/" },
            TenantId = tenant,
        });

        var credentials = (await Integrations.Credentials.HandleAsync(Principals.Admin(), outcome.Value!.Id))!;

        Assert.Contains("AzureAppClientSecret", outcome.Value.LastTestStatus);
        Assert.Equal($"https://login.microsoftonline.com/{tenant}/adminconsent?client_id={IntegrationsPortal.AzureClientId}", credentials.AzureConsentUrl);
        Assert.Equal("AdminPortal Audit Export", credentials.AzureAppName);
        Assert.EndsWith("/storageAccounts/customeraudit/blobServices/default/containers/audit-logs", credentials.Azure!.Scope);
        Assert.False(credentials.Secret.IsStored);
    }

    [Fact]
    public async Task Editing_the_destination_re_tests_it()
    {
        var created = await CreateAsync(S3("s3_edited"));

        var edited = await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Aws,
            Destination = S3("x").Destination with { Bucket = "another-missing-bucket" },
        });
        var back = await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Aws,
            Destination = S3("x").Destination with { Prefix = "moved/" },
        });

        Assert.StartsWith("NoSuchBucket: ", edited.Value!.LastTestStatus);
        Assert.Equal("s3://another-missing-bucket/audit/", edited.Value.Destination);
        Assert.Equal("SUCCESS", back.Value!.LastTestStatus);
        Assert.Equal($"s3://{StoragePeers.S3Bucket}/moved/", back.Value.Destination);
    }

    [Fact]
    public async Task Changing_the_cloud_is_refused_with_a_clear_message()
    {
        var created = await CreateAsync(S3("s3_stays_aws"));

        var outcome = await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Azure,
            Destination = new DestinationInput { AccountName = "customeraudit", Bucket = "audit-logs" },
        });

        Assert.StartsWith("An integration's cloud cannot change", Assert.Single(outcome.Errors["Cloud"]));
        var unchanged = Assert.Single(await Integrations.List.HandleAsync(Principals.Admin()), i => i.Id == created.Id);
        Assert.Equal(IntegrationCloud.Aws, unchanged.Cloud);
    }

    [Fact]
    public async Task A_test_of_a_deleted_bucket_counts_consecutive_failures()
    {
        var created = await CreateAsync(S3("s3_failing", bucket: "never-created-bucket"));

        var tested = await Integrations.Test.HandleAsync(Principals.Admin(), created.Id);

        Assert.Equal(2, tested.Value!.ConsecutiveFailures);
    }

    [Fact]
    public async Task Deleting_an_integration_removes_it()
    {
        var created = await CreateAsync(S3("s3_deleted"));

        var deleted = await Integrations.Delete.HandleAsync(Principals.Admin(), created.Id);

        Assert.True(deleted.Succeeded);
        Assert.DoesNotContain(await Integrations.List.HandleAsync(Principals.Admin()), i => i.Id == created.Id);
        Assert.Null(await portal.RawSecretAsync(created.Id));
        Assert.Null(await Integrations.Credentials.HandleAsync(Principals.Admin(), created.Id));
    }

    [Fact]
    public async Task An_auditor_sees_names_and_status_but_may_not_create_or_view_credentials()
    {
        const string auditor = "integrations.auditor@example.test";
        await portal.CreateUserAsync(auditor, Core.Users.PortalRoles.Auditor);
        var created = await CreateAsync(S3("s3_for_auditors"));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Integrations.Create.HandleAsync(Principals.Auditor(auditor), S3("s3_by_auditor")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Integrations.Credentials.HandleAsync(Principals.Auditor(auditor), created.Id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Integrations.List.HandleAsync(Principals.Auditor(auditor)));
        var names = await Integrations.Names.HandleAsync(Principals.Auditor(auditor));

        Assert.Contains(new IntegrationName(created.Id, "s3_for_auditors", IntegrationCloud.Aws, "SUCCESS"), names);
        Assert.DoesNotContain(names, n => n.Name == "s3_by_auditor");
    }

    [Fact]
    public async Task Integration_names_are_refused_to_a_session_whose_Auditor_role_the_database_does_not_hold()
    {
        var refused = await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
            Integrations.Names.HandleAsync(Principals.Auditor("no.such.auditor@example.test")));

        Assert.Equal("Only Admins and Auditors may see storage integrations.", refused.Message);
    }

    [Fact]
    public async Task Every_action_writes_an_adminportal_audit_event_without_the_secret()
    {
        var created = await CreateAsync(S3("s3_audited"));
        await Integrations.Credentials.HandleAsync(Principals.Admin(), created.Id);
        await Integrations.Test.HandleAsync(Principals.Admin(), created.Id);
        await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id,
            new EditDestinationCommand { Cloud = IntegrationCloud.Aws, Destination = S3("x").Destination with { Prefix = "audited/" } });
        await Integrations.Delete.HandleAsync(Principals.Admin(), created.Id);

        var events = await portal.AuditEventsAsync("s3_audited");

        Assert.Equal(
            ["IntegrationCreated", "IntegrationCredentialsViewed", "IntegrationTested", "IntegrationDestinationEdited", "IntegrationDeleted"],
            events.Select(e => e.Code));
        Assert.All(events, e => Assert.Equal(PortalFactory.AdminEmail, e.Login));
        Assert.All(events, e => Assert.Equal(AuditEventStatus.Success, e.Status));
        Assert.All(events, e => Assert.DoesNotContain(S3Secret, e.RawJson));
        Assert.Equal($"s3://{StoragePeers.S3Bucket}/audited/", events[3].NewValue);
    }

    [Fact]
    public async Task Rotation_re_encrypts_integration_secrets_under_the_new_master_key()
    {
        var created = await CreateAsync(S3("s3_rotated"));
        var before = await portal.RawSecretAsync(created.Id);
        var newKey = new MasterKey("rotated-2026", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var rotated = new SecretProtector(new MasterKeyRing(newKey, [portal.Protector.Keys.Current]));
        var rotation = new SecretRotation(portal.Services.GetServices<ISecretStore>(), rotated,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SecretRotation>.Instance);

        var result = await rotation.RunAsync();

        var after = (await portal.RawSecretAsync(created.Id))!;
        Assert.True(result.Succeeded);
        Assert.True(result.Rotated >= 1);
        Assert.NotEqual(before, after);
        Assert.StartsWith("v1.rotated-2026.", after);
        Assert.Equal(S3Secret, rotated.Unprotect(EncryptedSecret.Parse(after), $"integration:{created.Id:D}:secretAccessKey"));
    }

    [Fact]
    public async Task Creating_a_GCS_integration_tests_it_against_the_emulator_and_gives_the_custom_role()
    {
        var created = await CreateAsync(new CreateIntegrationCommand
        {
            Name = "gcs_created",
            AuthMethod = IntegrationAuthMethod.GcpPortalServiceAccount,
            Destination = new DestinationInput { Bucket = "audit-exports", Prefix = "audit/", ServiceUrl = peers.GcsUrl.AbsoluteUri },
        });

        var credentials = (await Integrations.Credentials.HandleAsync(Principals.Admin(), created.Id))!;

        Assert.Equal("SUCCESS", created.LastTestStatus);
        Assert.Equal("adminportal-export@adminportal-prod.iam.gserviceaccount.com", credentials.GcpServiceAccount);
        Assert.Equal(["storage.objects.create", "storage.objects.delete", "storage.objects.list", "storage.buckets.get"], credentials.Gcp!.Permissions);
        Assert.Null(credentials.ExternalId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Editing_the_destination_announces_it_in_the_admins_name_with_whether_linked_exports_follow(bool updateLinkedExports)
    {
        var created = await CreateAsync(S3($"s3_linked_edit_{updateLinkedExports}".ToLowerInvariant()));

        await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Aws,
            Destination = S3("x").Destination with { Prefix = "elsewhere/" },
            UpdateLinkedExports = updateLinkedExports,
        });

        var changed = Assert.IsType<IntegrationDestinationChanged>(Assert.Single(portal.Announced.For(created.Id)));
        Assert.Equal(updateLinkedExports, changed.KeepLinkedExports);
        Assert.Equal(PortalFactory.AdminEmail, changed.Actor);
        Assert.Contains($"s3://{StoragePeers.S3Bucket}/elsewhere/", changed.Reason);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Deleting_an_integration_announces_it_in_the_admins_name_with_whether_linked_exports_go_too(bool deleteLinkedExports)
    {
        var created = await CreateAsync(S3($"s3_linked_delete_{deleteLinkedExports}".ToLowerInvariant()));

        await Integrations.Delete.HandleAsync(Principals.Admin(), created.Id, deleteLinkedExports);

        var deleted = Assert.IsType<IntegrationDeleted>(Assert.Single(portal.Announced.For(created.Id)));
        Assert.Equal(deleteLinkedExports, deleted.DeleteLinkedExports);
        Assert.Equal(PortalFactory.AdminEmail, deleted.Actor);
    }

    [Fact]
    public async Task A_refused_cloud_change_leaves_linked_exports_alone()
    {
        var created = await CreateAsync(S3("s3_linked_refused"));

        await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id,
            new EditDestinationCommand { Cloud = IntegrationCloud.Gcp, Destination = new DestinationInput { Bucket = "audit-exports" } });

        Assert.Empty(portal.Announced.For(created.Id));
    }
}
