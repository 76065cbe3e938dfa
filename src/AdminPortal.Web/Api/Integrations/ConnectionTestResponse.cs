namespace AdminPortal.Web.Api.Integrations;

/// <summary>POST /api/integrations/{id}/test: the stored outcome of the connection test that just ran.</summary>
public sealed record ConnectionTestResponse(string? Status, string? Hint, bool Succeeded);
