using AdminPortal.Core.Integrations;
using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Web.Api.Integrations;

/// <summary>POST /api/integrations: the "Create a storage integration" form. <see cref="Secret"/> is write-only.</summary>
public sealed record CreateIntegrationRequest
{
    /// <summary>Empty: a generated name such as s3_audit_logs_1.</summary>
    public string? Name { get; init; }

    public IntegrationAuthMethod AuthMethod { get; init; }
    public DestinationInput Destination { get; init; } = new();
    public string? RoleArn { get; init; }
    public string? TenantId { get; init; }
    public string? AccessKeyId { get; init; }

    /// <summary>The method's secret: secret access key, account key, SAS token or service account key JSON.</summary>
    public string? Secret { get; init; }

    public CreateIntegrationCommand ToCommand() => new()
    {
        Name = Name,
        AuthMethod = AuthMethod,
        Destination = Destination ?? new(),
        RoleArn = RoleArn,
        TenantId = TenantId,
        AccessKeyId = AccessKeyId,
        Secret = WriteOnlySecret.FromInput(Secret),
    };
}
