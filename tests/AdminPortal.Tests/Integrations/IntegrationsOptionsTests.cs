using AdminPortal.Core.Integrations;
using Microsoft.Extensions.Configuration;

namespace AdminPortal.Tests.Integrations;

public sealed class IntegrationsOptionsTests
{
    [Fact]
    public void The_example_settings_are_valid()
    {
        var options = ExampleSettings().GetSection(IntegrationsOptions.Section).Get<IntegrationsOptions>()!;

        var result = new IntegrationsOptionsValidator().Validate(null, options);

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.False(string.IsNullOrEmpty(options.AwsIamUserArn));
    }

    [Fact]
    public void Empty_settings_are_valid_and_a_malformed_one_is_named()
    {
        var validator = new IntegrationsOptionsValidator();

        var empty = validator.Validate(null, new IntegrationsOptions());
        var malformed = validator.Validate(null, new IntegrationsOptions { AwsIamUserArn = "adminportal", AzureAppClientId = "not-a-guid" });

        Assert.True(empty.Succeeded);
        Assert.Contains("Integrations:AwsIamUserArn", malformed.FailureMessage);
        Assert.Contains("Integrations:AzureAppClientId", malformed.FailureMessage);
    }

    [Fact]
    public void Custom_endpoints_need_listed_hosts_and_never_list_a_metadata_address()
    {
        var validator = new IntegrationsOptionsValidator();

        var noHosts = validator.Validate(null, new IntegrationsOptions { CustomEndpoints = new() { Enabled = true } });
        var metadata = validator.Validate(null, new IntegrationsOptions { CustomEndpoints = new() { Enabled = true, AllowedHosts = ["169.254.169.254"] } });
        var withPort = validator.Validate(null, new IntegrationsOptions { CustomEndpoints = new() { Enabled = true, AllowedHosts = ["minio.internal:9000"] } });
        var halfKeys = validator.Validate(null, new IntegrationsOptions { AwsIamUserAccessKeyId = "AKIAIOSFODNN7EXAMPLE" });
        var good = validator.Validate(null, new IntegrationsOptions { CustomEndpoints = new() { Enabled = true, AllowedHosts = ["minio.internal", "*.corp.example", "10.0.0.5"] } });

        Assert.Contains("Integrations:CustomEndpoints:Enabled needs Integrations:CustomEndpoints:AllowedHosts", noHosts.FailureMessage);
        Assert.Contains("169.254.169.254 is a link-local or metadata address", metadata.FailureMessage);
        Assert.Contains("\"minio.internal:9000\" is not a host name", withPort.FailureMessage);
        Assert.Contains("Integrations:AwsIamUserAccessKeyId and Integrations:AwsIamUserSecretAccessKey are set together", halfKeys.FailureMessage);
        Assert.True(good.Succeeded, good.FailureMessage);
    }

    [Fact]
    public void The_operators_AWS_endpoints_must_be_plain_URLs_to_an_allowed_custom_endpoint_host()
    {
        var validator = new IntegrationsOptionsValidator();
        var allowed = new AdminPortal.CloudStorage.Network.CustomEndpointsOptions { Enabled = true, AllowedHosts = ["*.vpce.amazonaws.com"] };
        const string vpce = "https://vpce-0a1b2c3d-4e5f6a7b.sts.eu-west-1.vpce.amazonaws.com";

        var notAllowed = validator.Validate(null, new IntegrationsOptions { AwsEndpoints = new() { StsServiceUrl = vpce } });
        var withQuery = validator.Validate(null, new IntegrationsOptions { CustomEndpoints = allowed, AwsEndpoints = new() { S3ServiceUrl = vpce + "/?x=1" } });
        var metadata = validator.Validate(null, new IntegrationsOptions { AwsEndpoints = new() { StsServiceUrl = "http://169.254.169.254/" } });
        var good = validator.Validate(null, new IntegrationsOptions { CustomEndpoints = allowed, AwsEndpoints = new() { StsServiceUrl = vpce, S3ServiceUrl = vpce } });

        Assert.Contains("Integrations:AwsEndpoints:StsServiceUrl names vpce-0a1b2c3d-4e5f6a7b.sts.eu-west-1.vpce.amazonaws.com: set Integrations:CustomEndpoints:Enabled",
            notAllowed.FailureMessage);
        Assert.Contains("Integrations:AwsEndpoints:S3ServiceUrl must be an https:// URL", withQuery.FailureMessage);
        Assert.Contains("Integrations:AwsEndpoints:StsServiceUrl: 169.254.169.254 is a link-local or metadata address", metadata.FailureMessage);
        Assert.True(good.Succeeded, good.FailureMessage);
    }

    private static IConfiguration ExampleSettings()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var file = Path.Combine(directory.FullName, "appsettings.example.json");
            if (File.Exists(file))
            {
                return new ConfigurationBuilder().AddJsonFile(file).Build();
            }
        }

        throw new FileNotFoundException("appsettings.example.json was not found above the test output folder.");
    }
}
