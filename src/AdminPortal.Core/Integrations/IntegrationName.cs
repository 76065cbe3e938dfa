namespace AdminPortal.Core.Integrations;

/// <summary>What an Auditor may see: enough to pick an integration for an export.</summary>
public sealed record IntegrationName(Guid Id, string Name, IntegrationCloud Cloud, string? LastTestStatus);
