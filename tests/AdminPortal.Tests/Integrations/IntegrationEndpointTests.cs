using AdminPortal.CloudStorage.Tests.Infrastructure;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Integrations;

/// <summary>Where the portal's secrets and identities may go: Edit Destination, custom endpoints, the portal's own identities, error bodies.</summary>
[Collection(IntegrationsCollection.Name)]
public sealed class IntegrationEndpointTests(StoragePeers peers, IntegrationsPortal portal)
{
    private IntegrationUseCases Integrations => portal.Integrations;

    private CreateIntegrationCommand Sas(string name, string sas) => new()
    {
        Name = name,
        AuthMethod = IntegrationAuthMethod.AzureSas,
        Destination = new DestinationInput
        {
            AccountName = StoragePeers.AzureAccount, Bucket = StoragePeers.AzureContainer, Prefix = "sas/",
            ServiceUrl = $"{peers.AzureUrl.AbsoluteUri}{StoragePeers.AzureAccount}",
        },
        Secret = WriteOnlySecret.FromInput(sas),
    };

    private async Task<IntegrationSummary> CreateAsync(CreateIntegrationCommand command)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), command);
        Assert.True(outcome.Succeeded, string.Join(" ", outcome.AllMessages));
        return outcome.Value!;
    }

    [Fact]
    public async Task Changing_the_service_URL_without_entering_the_SAS_again_is_refused_and_the_new_host_receives_nothing()
    {
        var sas = StoragePeers.AzureAccountSas("rwdlc");
        var created = await CreateAsync(Sas("azure_sas_moved", sas));
        using var listener = new RecordingServer(200);

        var outcome = await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Azure,
            Destination = Sas("x", sas).Destination with { ServiceUrl = $"{listener.Url.AbsoluteUri}{StoragePeers.AzureAccount}" },
        });

        Assert.False(outcome.Succeeded);
        Assert.Equal("The service URL or account changed: enter the SAS token again. The stored one is only sent to the endpoint it was entered for.",
            Assert.Single(outcome.Errors["Secret"]));
        Assert.Empty(listener.Requests);
        var unchanged = Assert.Single(await Integrations.List.HandleAsync(Principals.Admin()), i => i.Id == created.Id);
        Assert.Equal(created.Destination, unchanged.Destination);
        Assert.Empty(portal.Announced.For(created.Id));
    }

    [Fact]
    public async Task Changing_the_service_URL_with_the_SAS_entered_again_saves_the_new_secret_and_tests_there()
    {
        var created = await CreateAsync(Sas("azure_sas_reentered", StoragePeers.AzureAccountSas("rwdlc")));
        using var listener = new RecordingServer(403);
        const string newSas = "sv=2025-11-05&ss=b&srt=sco&sp=rwdlc&sig=typed-again";

        var outcome = await Integrations.Edit.HandleAsync(Principals.Admin(), created.Id, new EditDestinationCommand
        {
            Cloud = IntegrationCloud.Azure,
            Destination = Sas("x", newSas).Destination with { ServiceUrl = $"{listener.Url.AbsoluteUri}{StoragePeers.AzureAccount}" },
            Secret = WriteOnlySecret.FromInput(newSas),
        });

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.AllMessages));
        Assert.Contains("sig=typed-again", listener.Everything);
        var stored = (await portal.RawSecretAsync(created.Id))!;
        Assert.Equal(newSas, portal.Protector.Unprotect(EncryptedSecret.Parse(stored), $"integration:{created.Id:D}:sasToken"));
    }

    [Fact]
    public async Task The_portals_own_service_account_never_sends_its_token_to_a_custom_endpoint()
    {
        using var listener = new RecordingServer(500, """{"error":{"code":500,"message":"listener"}}""", "application/json");

        await CreateAsync(new CreateIntegrationCommand
        {
            Name = "gcs_portal_elsewhere",
            AuthMethod = IntegrationAuthMethod.GcpPortalServiceAccount,
            Destination = new DestinationInput { Bucket = "audit-exports", ServiceUrl = listener.Url.AbsoluteUri },
        });

        Assert.NotEmpty(listener.Requests);
        Assert.All(listener.Requests, r => Assert.Null(r.Authorization));
        Assert.DoesNotContain(IntegrationsPortal.PortalGoogleToken, listener.Everything);
        Assert.Empty(portal.GoogleTokens.Requests);
    }

    [Theory]
    [InlineData(IntegrationAuthMethod.AwsRole, "A role is assumed with the portal's own AWS identity, which is only used with AWS itself")]
    [InlineData(IntegrationAuthMethod.AzureApplication, "The portal's own Azure application is only used with Azure itself")]
    public async Task The_portals_own_AWS_and_Azure_identities_refuse_a_service_URL(IntegrationAuthMethod method, string message)
    {
        using var listener = new RecordingServer(200);
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = $"identity_elsewhere_{method}".ToLowerInvariant(),
            AuthMethod = method,
            Destination = new DestinationInput
            {
                Bucket = "audit-exports", AccountName = "customeraudit", Region = "us-east-1", ServiceUrl = listener.Url.AbsoluteUri,
            },
            RoleArn = "arn:aws:iam::123456789012:role/AuditExport",
            TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47",
        });

        Assert.StartsWith(message, Assert.Single(outcome.Errors["ServiceUrl"]));
        Assert.Empty(listener.Requests);
    }

    [Fact]
    public async Task A_role_ARN_integration_without_the_portals_AWS_keys_says_in_one_line_which_settings_to_set()
    {
        var created = await CreateAsync(new CreateIntegrationCommand
        {
            Name = "s3_role_no_identity",
            AuthMethod = IntegrationAuthMethod.AwsRole,
            Destination = new DestinationInput { Bucket = "customer-audit", Region = "eu-west-1" },
            RoleArn = "arn:aws:iam::123456789012:role/AuditExport",
        });

        Assert.Equal("The portal's AWS identity is not configured: set Integrations:AwsIamUserArn, Integrations:AwsIamUserAccessKeyId "
            + "and Integrations:AwsIamUserSecretAccessKey.", created.LastTestStatus);
        Assert.Contains("environment", created.LastTestHint);
    }

    [Fact]
    public async Task The_add_form_learns_which_of_the_portals_identities_are_not_configured()
    {
        var missing = await Integrations.MissingIdentities.HandleAsync(Principals.Admin());

        Assert.StartsWith("The portal's AWS identity is not configured", missing[IntegrationAuthMethod.AwsRole]);
        Assert.StartsWith("The portal's Azure application is not configured: set Integrations:AzureAppClientId and Integrations:AzureAppClientSecret",
            missing[IntegrationAuthMethod.AzureApplication]);
        Assert.False(missing.ContainsKey(IntegrationAuthMethod.GcpPortalServiceAccount));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Integrations.MissingIdentities.HandleAsync(Principals.Auditor()));
    }

    [Theory]
    [InlineData("http://169.254.169.254/", "169.254.169.254 is a link-local or cloud metadata address: the portal never connects to it.")]
    [InlineData("http://[fe80::1]:9000/", "fe80::1 is a link-local or cloud metadata address: the portal never connects to it.")]
    [InlineData("http://10.20.30.40:9000/", "The host 10.20.30.40 is not one the portal may connect to: the portal's operator lists allowed hosts in Integrations:CustomEndpoints:AllowedHosts.")]
    public async Task A_service_URL_the_portal_may_not_reach_is_refused_with_a_clear_message(string serviceUrl, string message)
    {
        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "s3_refused_endpoint",
            AuthMethod = IntegrationAuthMethod.AwsAccessKey,
            Destination = new DestinationInput { Bucket = "audit-exports", Region = "us-east-1", ServiceUrl = serviceUrl, PathStyle = true },
            AccessKeyId = StoragePeers.S3AccessKeyId,
            Secret = WriteOnlySecret.FromInput("secret"),
        });

        Assert.Equal(message, Assert.Single(outcome.Errors["ServiceUrl"]));
        Assert.DoesNotContain(await Integrations.List.HandleAsync(Principals.Admin()), i => i.Name == "s3_refused_endpoint");
    }

    [Fact]
    public async Task A_pasted_key_whose_token_uri_is_not_Googles_is_refused_and_nothing_is_posted_to_it()
    {
        using var tokens = new RecordingServer(200, """{"access_token":"x","expires_in":3600}""", "application/json");

        var outcome = await Integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "gcs_foreign_token_uri",
            AuthMethod = IntegrationAuthMethod.GcpServiceAccountKey,
            Destination = new DestinationInput { Bucket = "audit-exports", ServiceUrl = peers.GcsUrl.AbsoluteUri },
            Secret = WriteOnlySecret.FromInput(GoogleKeys.ServiceAccountKey(tokens.Url.AbsoluteUri)),
        });

        Assert.StartsWith("The key file's \"token_uri\" must be https://oauth2.googleapis.com/token", Assert.Single(outcome.Errors["Secret"]));
        Assert.Empty(tokens.Requests);
    }

    [Fact]
    public async Task An_internal_services_HTML_error_page_is_stored_and_audited_as_a_short_status_without_its_body()
    {
        var page = "<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat("<p>internal-dashboard secret row</p>", 1500)) + "</body></html>";
        using var service = new RecordingServer(500, page, "text/html");

        var created = await CreateAsync(new CreateIntegrationCommand
        {
            Name = "gcs_html_answer",
            AuthMethod = IntegrationAuthMethod.GcpPortalServiceAccount,
            Destination = new DestinationInput { Bucket = "audit-exports", ServiceUrl = service.Url.AbsoluteUri },
        });

        Assert.True(page.Length > 50_000);
        Assert.InRange(created.LastTestStatus!.Length, 1, 400);
        Assert.DoesNotContain("internal-dashboard", created.LastTestStatus);
        var events = await portal.AuditEventsAsync("gcs_html_answer");
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.DoesNotContain("internal-dashboard", e.RawJson));
    }
}
