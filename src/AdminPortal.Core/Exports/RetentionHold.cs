namespace AdminPortal.Core.Exports;

/// <summary>One incremental export that keeps events past the retention period: it has not delivered them yet.</summary>
public sealed record RetentionHold(Guid ScheduleId, string ScheduleName, int WorkbookId, DateTime OldestUndeliveredUtc);
