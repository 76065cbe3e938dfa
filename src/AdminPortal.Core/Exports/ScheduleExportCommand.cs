namespace AdminPortal.Core.Exports;

/// <summary>What the Add Schedule / Edit form sends.</summary>
public sealed record ScheduleExportCommand
{
    /// <summary>Optional; "&lt;workbook&gt; · &lt;element&gt;" when empty.</summary>
    public string? Name { get; init; }

    public int WorkbookId { get; init; }
    public int TableElementId { get; init; }
    public Guid IntegrationId { get; init; }

    /// <summary>The object name relative to the integration's destination, or a full URI inside it.</summary>
    public string UriTemplate { get; init; } = "";

    public ExportFormat Format { get; init; } = ExportFormat.Csv;
    public bool Gzip { get; init; } = true;
    public ExportMode Mode { get; init; } = ExportMode.Incremental;

    /// <summary>Incremental only: the first run takes the workbook's time range (the default) or all retained events.</summary>
    public ExportFirstRun FirstRun { get; init; } = ExportFirstRun.WorkbookRange;

    /// <summary>Each event also carries its actor's and targets' ledger matches (<see cref="ExportIdentityColumns"/>).</summary>
    public bool IncludeIdentityColumns { get; init; }
    public ExportFrequencyKind FrequencyKind { get; init; } = ExportFrequencyKind.Daily;
    public int? EveryHours { get; init; }
    public TimeOnly? TimeOfDay { get; init; }
    public int? Day { get; init; }
    public string TimeZoneId { get; init; } = "UTC";
    public string? Cron { get; init; }
    public string? NotificationEmails { get; init; }
}
