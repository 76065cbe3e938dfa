namespace AdminPortal.Core.Exports;

/// <summary>
/// A workbook's table element exported on a schedule to a storage integration. The watermark is the last event an
/// incremental export delivered; it moves only when a run has uploaded and verified every object and its manifest.
/// </summary>
public sealed class ScheduledExport
{
    public Guid Id { get; set; }

    /// <summary>Shown in lists, in integration warnings and in the audit log.</summary>
    public string Name { get; set; } = "";

    public int WorkbookId { get; set; }
    public int TableElementId { get; set; }
    public Guid IntegrationId { get; set; }

    /// <summary>The user who owns the schedule (an Auditor sees and changes only their own).</summary>
    public string OwnerId { get; set; } = "";
    public string OwnerEmail { get; set; } = "";

    /// <summary>The object name relative to the integration's prefix, with tokens; see <see cref="ExportUriTemplate"/>.</summary>
    public string UriTemplate { get; set; } = "";

    public ExportFormat Format { get; set; }
    public bool Gzip { get; set; } = true;
    public ExportMode Mode { get; set; }

    public ExportFrequencyKind FrequencyKind { get; set; }
    public int? EveryHours { get; set; }
    public TimeOnly? TimeOfDay { get; set; }
    public int? Day { get; set; }

    /// <summary>An IANA or Windows time zone id; daily, weekly, monthly and cron schedules run in it.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    public string? Cron { get; set; }

    /// <summary>Addresses told of a failed run, separated by commas.</summary>
    public string NotificationEmails { get; set; } = "";

    public bool Paused { get; set; }

    /// <summary>Why the schedule is paused (by its owner, or by a change of its integration).</summary>
    public string? PauseReason { get; set; }

    /// <summary>The ingestion time of the last exported event (shown to people; <see cref="WatermarkEventRowId"/> decides).</summary>
    public DateTime? WatermarkIngestedAtUtc { get; set; }

    /// <summary>The row id (<c>AuditEvents.Id</c>) of the last exported event; null before the first successful run.</summary>
    public long? WatermarkEventRowId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>
    /// What the first run of an incremental export takes: the workbook's time range or all retained events. Declared
    /// last: SQLite adds a column at the end of the table, and a new database must have the same column order.
    /// </summary>
    public ExportFirstRun FirstRun { get; set; } = ExportFirstRun.WorkbookRange;

    /// <summary>
    /// Each exported event also carries what its actor and targets were matched to in the identity ledger
    /// (<see cref="ExportIdentityColumns"/>). Off by default: the columns cost a join per slot, and existing consumers
    /// keep the columns they parse.
    /// </summary>
    public bool IncludeIdentityColumns { get; set; }

    public IReadOnlyList<string> NotificationAddresses() =>
        NotificationEmails.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
