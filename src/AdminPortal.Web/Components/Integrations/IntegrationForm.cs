using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Common;

namespace AdminPortal.Web.Components.Integrations;

/// <summary>The fields of the Add and Edit Destination dialogs, as typed; turned into the use cases' commands.</summary>
public sealed class IntegrationForm
{
    public IntegrationCloud Cloud { get; set; } = IntegrationCloud.Aws;
    public IntegrationAuthMethod Method { get; set; } = IntegrationAuthMethod.AwsRole;
    public string Name { get; set; } = "";
    public string Destination { get; set; } = "";
    public string? Region { get; set; } = "us-east-1";
    public string? ServiceUrl { get; set; }
    public bool PathStyle { get; set; }
    public string? RoleArn { get; set; }
    public string? TenantId { get; set; }
    public string? AccessKeyId { get; set; }

    /// <summary>Typed once, sent to the use case, never read back from the server.</summary>
    public string? Secret { get; set; }

    public bool UpdateLinkedExports { get; set; }

    public static IReadOnlyList<(IntegrationAuthMethod Method, string Label)> MethodsOf(IntegrationCloud cloud) => cloud switch
    {
        IntegrationCloud.Aws => [(IntegrationAuthMethod.AwsRole, "Role ARN (the portal assumes your role)"), (IntegrationAuthMethod.AwsAccessKey, "Access key (self-hosted or S3-compatible)")],
        IntegrationCloud.Azure => [(IntegrationAuthMethod.AzureApplication, "Tenant ID (the portal's application)"), (IntegrationAuthMethod.AzureAccountKey, "Account key"), (IntegrationAuthMethod.AzureSas, "SAS token")],
        _ => [(IntegrationAuthMethod.GcpPortalServiceAccount, "The portal's service account"), (IntegrationAuthMethod.GcpServiceAccountKey, "Service account key JSON")],
    };

    public string SecretLabel => Method switch
    {
        IntegrationAuthMethod.AwsAccessKey => "Secret access key",
        IntegrationAuthMethod.AzureAccountKey => "Account key",
        IntegrationAuthMethod.AzureSas => "SAS token",
        _ => "Service account key JSON",
    };

    public bool HasSecret => StorageIntegration.SecretField(Method) is not null;

    /// <summary>Switches cloud and picks its first method, keeping what the user typed that still applies.</summary>
    public void ChangeCloud(IntegrationCloud cloud)
    {
        Cloud = cloud;
        Method = MethodsOf(cloud)[0].Method;
        Destination = "";
        Secret = null;
    }

    public CreateIntegrationCommand? ToCreateCommand(out Result problem)
    {
        var destination = ParseDestination(out problem);
        return destination is null ? null : new CreateIntegrationCommand
        {
            Name = Name,
            AuthMethod = Method,
            Destination = destination,
            RoleArn = Method == IntegrationAuthMethod.AwsRole ? RoleArn : null,
            TenantId = Method == IntegrationAuthMethod.AzureApplication ? TenantId : null,
            AccessKeyId = Method == IntegrationAuthMethod.AwsAccessKey ? AccessKeyId : null,
            Secret = HasSecret ? WriteOnlySecret.FromInput(Secret) : WriteOnlySecret.Empty,
        };
    }

    public EditDestinationCommand? ToEditCommand(out Result problem)
    {
        var destination = ParseDestination(out problem);
        return destination is null ? null : new EditDestinationCommand
        {
            Cloud = Cloud,
            Destination = destination,
            UpdateLinkedExports = UpdateLinkedExports,
            Secret = HasSecret ? WriteOnlySecret.FromInput(Secret) : WriteOnlySecret.Empty,
            AccessKeyId = Method == IntegrationAuthMethod.AwsAccessKey && !string.IsNullOrWhiteSpace(AccessKeyId) ? AccessKeyId : null,
        };
    }

    /// <summary>The use cases name the destination's parts; the form has one Destination field for them.</summary>
    public static Result OnFormFields(Result result) => result.Succeeded ? result : Result.Fail(
        result.Errors.SelectMany(e => e.Value.Select(m => (e.Key switch
        {
            nameof(DestinationInput.Bucket) or nameof(DestinationInput.AccountName) or nameof(DestinationInput.Prefix) => nameof(Destination),
            nameof(CreateIntegrationCommand.AuthMethod) => nameof(Method),
            _ => e.Key,
        }, m))));

    private DestinationInput? ParseDestination(out Result problem)
    {
        var (bucket, account, prefix, error) = DestinationPath.Parse(Cloud, Destination);
        problem = error is null ? Result.Success : Result.Fail(nameof(Destination), error);
        return error is not null ? null : new DestinationInput
        {
            Bucket = bucket,
            AccountName = account,
            Prefix = prefix,
            Region = Cloud == IntegrationCloud.Aws ? Region : null,
            ServiceUrl = ServiceUrl,
            PathStyle = Cloud == IntegrationCloud.Aws && PathStyle,
        };
    }
}
