namespace AdminPortal.Cli.Api;

/// <summary>POST /api/integrations.</summary>
public sealed record CreateIntegrationRequest(
    string? Name, string AuthMethod, DestinationRequest Destination, string? RoleArn, string? TenantId, string? AccessKeyId, string? Secret);
