namespace AdminPortal.Cli.Api;

/// <summary>POST /api/schedules/{id}/pause.</summary>
public sealed record PauseRequest(string? Reason);
