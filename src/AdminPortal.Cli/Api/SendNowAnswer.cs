namespace AdminPortal.Cli.Api;

/// <summary>202 from POST /api/schedules/{id}/send-now.</summary>
public sealed record SendNowAnswer(Guid RunId);
