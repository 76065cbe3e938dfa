namespace AdminPortal.Core.Exports;

/// <summary>
/// Which events the first run of an incremental export takes (later runs take what was ingested since the last
/// successful one). Stored as text; schedules made before this setting existed read <see cref="AllRetainedEvents"/>,
/// which is what their first run did.
/// </summary>
public enum ExportFirstRun
{
    /// <summary>Every event retention still holds that the element's filters match, whatever its time.</summary>
    AllRetainedEvents,

    /// <summary>The element's time range as it means when the run starts (as a Sigma user expects of a workbook).</summary>
    WorkbookRange,
}
