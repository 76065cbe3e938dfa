using AdminPortal.Core.Security.Secrets;

namespace AdminPortal.Core.Integrations;

/// <summary>The "Create a storage integration for audit logs" form.</summary>
public sealed record CreateIntegrationCommand
{
    /// <summary>Empty: a generated name such as s3_audit_logs_1.</summary>
    public string? Name { get; init; }

    public IntegrationAuthMethod AuthMethod { get; init; }
    public DestinationInput Destination { get; init; } = new();
    public string? RoleArn { get; init; }
    public string? TenantId { get; init; }
    public string? AccessKeyId { get; init; }

    /// <summary>The method's secret (secret access key, account key, SAS token or key JSON).</summary>
    public WriteOnlySecret Secret { get; init; } = WriteOnlySecret.Empty;
}
