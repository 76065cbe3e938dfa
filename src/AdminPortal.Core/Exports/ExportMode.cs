namespace AdminPortal.Core.Exports;

/// <summary>Incremental: the events ingested since the last successful run. Full snapshot: everything the element's filters match.</summary>
public enum ExportMode
{
    Incremental,
    FullSnapshot,
}
