namespace AdminPortal.Core.Exports;

/// <summary>How often a schedule runs; the fields it uses are named on <see cref="ScheduledExport"/>.</summary>
public enum ExportFrequencyKind
{
    /// <summary>Every <see cref="ScheduledExport.EveryHours"/> hours (2, 4, 6, 12 or 24).</summary>
    EveryHours,

    /// <summary>Each day at <see cref="ScheduledExport.TimeOfDay"/> in <see cref="ScheduledExport.TimeZoneId"/>.</summary>
    Daily,

    /// <summary>Each week on <see cref="ScheduledExport.Day"/> (0 = Sunday … 6 = Saturday) at the time of day.</summary>
    Weekly,

    /// <summary>Each month on <see cref="ScheduledExport.Day"/> (1 … 31; the last day in shorter months) at the time of day.</summary>
    Monthly,

    /// <summary>A Quartz cron expression in <see cref="ScheduledExport.Cron"/>, evaluated in the time zone.</summary>
    Cron,
}
