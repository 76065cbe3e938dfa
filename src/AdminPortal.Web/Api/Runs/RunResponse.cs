using AdminPortal.Core.Exports;

namespace AdminPortal.Web.Api.Runs;

/// <summary>One run of a scheduled export: status, what it wrote, its error, and while Running its progress.</summary>
public sealed record RunResponse(
    Guid Id, Guid ScheduleId, ExportRunStatus Status, ExportTrigger Trigger, string? TriggeredBy,
    DateTime StartedAtUtc, DateTime? FinishedAtUtc, long Rows, long Bytes, int Parts, int Retries,
    string? Error, string? ErrorHint, string? ManifestObjectName, RunProgressResponse Progress)
{
    public static RunResponse From(ExportRun r) => new(
        r.Id, r.ScheduleId, r.Status, r.Trigger, r.TriggeredBy, r.StartedAtUtc, r.FinishedAtUtc, r.Rows, r.Bytes, r.Objects, r.Retries,
        r.Error, r.ErrorHint, r.ManifestObjectName, new RunProgressResponse(r.ProgressRows, r.ProgressBytes, r.ProgressPart, r.ProgressUpdatedAtUtc));
}
