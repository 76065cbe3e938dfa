namespace AdminPortal.Core.Exports;

/// <summary>A run whose row is stored (Running): its id at once, and the task that ends with the finished run.</summary>
public sealed record StartedExportRun(Guid RunId, Task<ExportRun> Finished);
