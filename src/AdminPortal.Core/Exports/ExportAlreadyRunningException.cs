namespace AdminPortal.Core.Exports;

/// <summary>A run of the schedule is already going (runs of one schedule never overlap).</summary>
public sealed class ExportAlreadyRunningException(string scheduleName)
    : Exception($"A run of \"{scheduleName}\" is already in progress; wait for it to finish.");
