namespace AdminPortal.Core.Exports;

/// <summary>Live progress of a run, for Send now's modal; <paramref name="Retry"/> while it waits to try again.</summary>
public sealed record ExportProgress(Guid RunId, long Rows, long Bytes, int Part, string? CurrentObject, ExportRetry? Retry = null);
