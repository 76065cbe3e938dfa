using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Web.Tests.Integrations;

/// <summary>Integrations made through the real CreateIntegration use case, pointed at a closed local port (the test fails fast).</summary>
public abstract class IntegrationsContext : CorePortalContext
{
    /// <summary>Nothing listens there: the connection test fails at once, and the integration is saved with that failure.</summary>
    protected const string ClosedEndpoint = "http://127.0.0.1:1/";

    public const string S3SecretAccessKey = "webtests-secret-never-shown-7Zp";
    public const string AzureAccountKey = "d2VidGVzdHMtYWNjb3VudC1rZXktbmV2ZXItc2hvd24tMTIzNDU2Nzg5MA==";

    protected async Task<IntegrationSummary> CreateAsync(IntegrationCloud cloud, string name)
    {
        var command = cloud switch
        {
            IntegrationCloud.Aws => new CreateIntegrationCommand
            {
                Name = name,
                AuthMethod = IntegrationAuthMethod.AwsAccessKey,
                AccessKeyId = "AKIAWEBTESTS",
                Secret = WriteOnlySecret.FromInput(S3SecretAccessKey),
                Destination = new DestinationInput { Bucket = "audit-exports", Prefix = name + "/", Region = "us-east-1", ServiceUrl = ClosedEndpoint, PathStyle = true },
            },
            IntegrationCloud.Azure => new CreateIntegrationCommand
            {
                Name = name,
                AuthMethod = IntegrationAuthMethod.AzureAccountKey,
                Secret = WriteOnlySecret.FromInput(AzureAccountKey),
                Destination = new DestinationInput { AccountName = "devstoreaccount1", Bucket = "audit-exports", Prefix = name + "/", ServiceUrl = ClosedEndpoint + "devstoreaccount1" },
            },
            _ => new CreateIntegrationCommand
            {
                Name = name,
                AuthMethod = IntegrationAuthMethod.GcpPortalServiceAccount,
                Destination = new DestinationInput { Bucket = "audit-exports", Prefix = name + "/", ServiceUrl = ClosedEndpoint },
            },
        };
        var created = await Services.GetRequiredService<CreateIntegration>().HandleAsync(Admin, command);
        Assert.True(created.Succeeded, string.Join(" ", created.AllMessages));
        return created.Value!;
    }
}
