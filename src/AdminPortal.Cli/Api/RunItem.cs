namespace AdminPortal.Cli.Api;

/// <summary>One export run (GET /api/runs/{id}, and each item of a schedule's history).</summary>
public sealed record RunItem(
    Guid Id, Guid ScheduleId, string Status, string? Trigger, DateTime? StartedAtUtc, DateTime? FinishedAtUtc,
    long? Rows, long? Bytes, int? Parts, string? Error, RunProgress? Progress);
