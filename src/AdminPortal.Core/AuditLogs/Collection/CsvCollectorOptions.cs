namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>Which raw log columns carry the event id and the properties.</summary>
public sealed class CsvCollectorOptions
{
    /// <summary>The raw log column whose value selects the mapping row and the event properties row.</summary>
    public string EventIdColumn { get; init; } = "eventid";

    /// <summary>The raw log column of pipe separated Name=Value pairs read by {param.Name}; optional in the log.</summary>
    public string PropertiesColumn { get; init; } = "properties";
}
