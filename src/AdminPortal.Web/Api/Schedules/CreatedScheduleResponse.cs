namespace AdminPortal.Web.Api.Schedules;

/// <summary>The new export schedule's id.</summary>
public sealed record CreatedScheduleResponse(Guid Id);
