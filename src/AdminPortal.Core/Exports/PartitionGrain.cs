namespace AdminPortal.Core.Exports;

/// <summary>How finely a template's time tokens cut the events into objects.</summary>
public enum PartitionGrain
{
    /// <summary>No time token: the whole window is one partition.</summary>
    None,
    Year,
    Month,
    Day,
    Hour,
}
