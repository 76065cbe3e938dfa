namespace AdminPortal.Cli.Api;

/// <summary>POST /api/integrations/{id}/test.</summary>
public sealed record IntegrationTestAnswer(string? Status, string? Hint, bool Succeeded);
