namespace AdminPortal.Web.Api.Schedules;

/// <summary>Send now started a run (it goes on after the answer): poll GET /api/runs/{runId}.</summary>
public sealed record SendNowResponse(Guid RunId);
