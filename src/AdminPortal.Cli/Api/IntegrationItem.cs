namespace AdminPortal.Cli.Api;

/// <summary>One integration as GET /api/integrations lists it.</summary>
public sealed record IntegrationItem(
    Guid Id, string Name, string? Cloud, string? AuthMethod, string? Destination, string? ConnectionStatus,
    string? LastTestStatus, string? LastTestHint, DateTime? LastTestedAtUtc);
