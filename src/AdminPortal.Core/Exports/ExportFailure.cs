namespace AdminPortal.Core.Exports;

/// <summary>One failed or interrupted run, as the overview lists it: which schedule, when, and the error it recorded.</summary>
public sealed record ExportFailure(
    Guid ScheduleId, string ScheduleName, int WorkbookId, Guid RunId, ExportRunStatus Status, DateTime StartedAtUtc, string? Error);
