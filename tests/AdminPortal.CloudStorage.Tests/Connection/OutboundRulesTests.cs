using System.Net;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Network;
using AdminPortal.CloudStorage.S3;
using AdminPortal.CloudStorage.Tests.Infrastructure;

namespace AdminPortal.CloudStorage.Tests.Connection;

/// <summary>The portal's outbound rules through the real providers: custom endpoints, resolved addresses, redirects, error bodies, token_uri.</summary>
public sealed class OutboundRulesTests
{
    [Theory]
    [InlineData("http://169.254.169.254/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://100.100.100.200/")]
    public void A_metadata_address_is_refused_before_anything_is_sent_even_when_listed(string endpoint)
    {
        // Listed on purpose: no setting can allow a metadata address.
        using var factory = new CloudStorageFactory(endpoints: StoragePeers.LoopbackPolicy(new Uri(endpoint).Host.Trim('[', ']')));

        var refused = Assert.Throws<EndpointRefusedException>(() => factory.Create(new GcsDestination("acme-audit", "", new GcsAnonymousAuth(), endpoint)));

        Assert.Contains("link-local or cloud metadata address: the portal never connects to it", refused.Message);
    }

    [Fact]
    public void A_custom_endpoint_is_refused_when_custom_endpoints_are_off()
    {
        using var factory = new CloudStorageFactory();

        var refused = Assert.Throws<EndpointRefusedException>(() => factory.Create(
            new S3Destination("acme-audit", "", "us-east-1", new S3AccessKeyAuth("minio", "x"), "http://127.0.0.1:9000", true)));

        Assert.StartsWith("Custom endpoints are turned off on this portal", refused.Message);
    }

    [Fact]
    public async Task A_listed_host_that_resolves_to_a_metadata_address_is_refused_at_connect_time()
    {
        // DNS rebinding: the name passed the settings check, its address is only known (and checked) when connecting.
        var policy = new EndpointPolicy(new CustomEndpointsOptions { Enabled = true, AllowedHosts = ["storage.rebind.test"] },
            (host, _) => Task.FromResult(host == "storage.rebind.test" ? new[] { IPAddress.Parse("169.254.169.254") } : []));
        using var factory = new CloudStorageFactory(endpoints: policy);
        using var storage = factory.Create(new GcsDestination("acme-audit", "", new GcsAnonymousAuth(), "http://storage.rebind.test:8080"));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("storage.rebind.test resolves to 169.254.169.254, a link-local or cloud metadata address: the portal never connects to it.", result.Status);
        Assert.StartsWith("Nothing was sent.", result.Hint);
    }

    [Fact]
    public async Task A_cloud_host_name_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        // The account's real host name, resolved (as a poisoned resolver would) to 127.0.0.1: the SAS must not go there.
        var policy = new EndpointPolicy(new CustomEndpointsOptions(),
            (host, _) => Task.FromResult(host == "acmeaudit.blob.core.windows.net" ? new[] { IPAddress.Loopback } : []));
        using var factory = new CloudStorageFactory(endpoints: policy);
        using var storage = factory.Create(new AzureBlobDestination("acmeaudit", "audit", "", new AzureSasAuth("sv=2025-11-05&sig=sas-secret")));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.Equal("acmeaudit.blob.core.windows.net resolves to 127.0.0.1, a loopback or private address, and is not listed in "
            + "Integrations:CustomEndpoints:AllowedHosts.", result.Status);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    [InlineData("gcs")]
    public async Task A_redirect_is_never_followed(string cloud)
    {
        using var elsewhere = new RecordingServer(200, "{}", "application/json");
        using var redirecting = new RecordingServer(302, "", location: new Uri(elsewhere.Url, "stolen").AbsoluteUri);
        using var factory = new CloudStorageFactory(endpoints: StoragePeers.LoopbackPolicy());
        using var storage = factory.Create(Destination(cloud, redirecting.Url));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.NotEmpty(redirecting.Requests);
        Assert.Empty(elsewhere.Requests);
    }

    [Theory]
    [InlineData("s3")]
    [InlineData("azure")]
    [InlineData("gcs")]
    public async Task A_50_KB_HTML_error_page_becomes_a_short_status_without_its_body(string cloud)
    {
        var page = "<!DOCTYPE html><html><head><title>Internal admin</title></head><body>"
            + string.Concat(Enumerable.Repeat("<p>internal-dashboard row: db-password=hunter2</p>", 1000)) + "</body></html>";
        using var service = new RecordingServer(500, page, "text/html");
        using var factory = new CloudStorageFactory(endpoints: StoragePeers.LoopbackPolicy());
        using var storage = factory.Create(Destination(cloud, service.Url));

        var result = await storage.TestConnectionAsync(CancellationToken.None);

        Assert.False(result.Success);
        Assert.True(page.Length > 50_000);
        Assert.InRange(result.Status.Length, 1, 400);
        Assert.DoesNotContain("internal-dashboard", result.Status);
        Assert.DoesNotContain("<", result.Status);
    }

    [Fact]
    public async Task A_key_whose_token_uri_is_not_Googles_gets_no_token_request()
    {
        using var tokenListener = new RecordingServer(200, """{"access_token":"x","expires_in":3600,"token_type":"Bearer"}""", "application/json");
        using var storageListener = new RecordingServer(200, "{}", "application/json");
        using var factory = new CloudStorageFactory(endpoints: StoragePeers.LoopbackPolicy());

        var refused = Assert.Throws<EndpointRefusedException>(() => factory.Create(
            new GcsDestination("acme-audit", "", new GcsServiceAccountKeyAuth(GoogleKeys.ServiceAccountKey(tokenListener.Url.AbsoluteUri)), storageListener.Url.AbsoluteUri)));

        Assert.StartsWith("The key file's token_uri must be https://oauth2.googleapis.com/token", refused.Message);
        Assert.Empty(tokenListener.Requests);
        Assert.Empty(storageListener.Requests);
    }

    [Fact]
    public void A_role_without_the_portals_keys_is_never_assumed_through_the_default_credential_chain()
    {
        using var sts = new LoopbackSts();
        using var factory = new CloudStorageFactory(endpoints: StoragePeers.LoopbackPolicy());

        var refused = Assert.Throws<CloudStorageException>(() => factory.Create(new S3Destination("acme-audit", "", "us-east-1",
            new S3AssumeRoleAuth("arn:aws:iam::123456789012:role/AuditExport", "ap-1234-abcd", BaseCredentials: null, StsServiceUrl: sts.Url.AbsoluteUri))));

        Assert.Equal(S3Clients.PortalIdentityMissing, refused.Message);
        Assert.Equal("PortalIdentityNotConfigured", refused.ErrorCode);
        Assert.Empty(sts.Requests);
    }

    private static StorageDestination Destination(string cloud, Uri endpoint) => cloud switch
    {
        "s3" => new S3Destination("audit-exports", "", "us-east-1", new S3AccessKeyAuth("S3RVER", "secret"), endpoint.AbsoluteUri, ForcePathStyle: true),
        "azure" => new AzureBlobDestination("devstoreaccount1", "audit-exports", "", new AzureSasAuth("sv=2025-11-05&sig=abc"), $"{endpoint.AbsoluteUri}devstoreaccount1"),
        _ => new GcsDestination("audit-exports", "", new GcsAnonymousAuth(), endpoint.AbsoluteUri),
    };
}
