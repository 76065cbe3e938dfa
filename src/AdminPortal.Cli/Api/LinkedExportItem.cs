namespace AdminPortal.Cli.Api;

/// <summary>One schedule that writes through an integration (GET /api/integrations/{id}/linked-exports).</summary>
public sealed record LinkedExportItem(Guid Id, string? Name, bool Paused);
