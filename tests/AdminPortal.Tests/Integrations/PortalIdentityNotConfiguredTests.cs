using AdminPortal.Core.Integrations;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Integrations;

/// <summary>A portal without any of its own cloud identities configured (no Integrations settings at all).</summary>
public sealed class PortalIdentityNotConfiguredTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task View_credentials_shows_a_readable_placeholder_and_says_which_setting_to_set()
    {
        var integrations = new IntegrationUseCases(portal.Services);
        var created = await integrations.Create.HandleAsync(Principals.Admin(), new CreateIntegrationCommand
        {
            Name = "s3_role_placeholder",
            AuthMethod = IntegrationAuthMethod.AwsRole,
            Destination = new DestinationInput { Bucket = "customer-audit", Region = "eu-west-1" },
            RoleArn = "arn:aws:iam::123456789012:role/AuditExport",
        });

        var credentials = (await integrations.Credentials.HandleAsync(Principals.Admin(), created.Value!.Id))!;

        Assert.Contains("\"AWS\": \"<the portal's IAM user ARN>\"", credentials.Aws!.TrustPolicyJson);
        Assert.DoesNotContain("\\u003C", credentials.Aws.TrustPolicyJson);
        Assert.StartsWith("The portal's IAM user is not configured, so the trust policy's Principal is a placeholder: set Integrations:AwsIamUserArn",
            credentials.PortalIdentityNotice);
    }
}
