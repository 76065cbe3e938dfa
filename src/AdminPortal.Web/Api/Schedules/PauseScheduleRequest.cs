namespace AdminPortal.Web.Api.Schedules;

/// <summary>POST /api/schedules/{id}/pause: why (shown on the schedule); empty: "Paused by &lt;user&gt;."</summary>
public sealed record PauseScheduleRequest(string? Reason);
