namespace AdminPortal.Core.Exports;

/// <summary>
/// One run of a <see cref="ScheduledExport"/>: its window, what it wrote and how it ended. The progress fields are
/// updated while it runs so that a page can show rows, bytes and the current part.
/// </summary>
public sealed class ExportRun
{
    public Guid Id { get; set; }
    public Guid ScheduleId { get; set; }
    public ExportTrigger Trigger { get; set; }
    public ExportRunStatus Status { get; set; }

    /// <summary>Who pressed Send now; null for the scheduler.</summary>
    public string? TriggeredBy { get; set; }

    public DateTime StartedAtUtc { get; set; }
    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>The <c>{run}</c> token: derived from the window only, so a retry of the window writes the same names.</summary>
    public string RunToken { get; set; } = "";

    /// <summary>The window's lower bound, exclusive: the schedule's watermark when the run started (null: from the first event).</summary>
    public long? WindowAfterEventRowId { get; set; }
    public DateTime? WindowAfterIngestedAtUtc { get; set; }

    /// <summary>The window's upper bound, inclusive: the newest event row when the run started (a snapshot).</summary>
    public long WindowToEventRowId { get; set; }
    public DateTime? WindowToIngestedAtUtc { get; set; }

    /// <summary>A full snapshot's event-time range, as the element's time range meant when the run started.</summary>
    public DateTime? WindowFromEventTimeUtc { get; set; }
    public DateTime? WindowToEventTimeUtc { get; set; }

    public long Rows { get; set; }
    public long Bytes { get; set; }
    public int Objects { get; set; }

    /// <summary>Attempts that failed with a transient error and were retried.</summary>
    public int Retries { get; set; }

    /// <summary>The cloud's error text (or the portal's), for the history and the failure e-mail.</summary>
    public string? Error { get; set; }
    public string? ErrorHint { get; set; }

    /// <summary>The full object name of the manifest, written last.</summary>
    public string? ManifestObjectName { get; set; }

    public long ProgressRows { get; set; }
    public long ProgressBytes { get; set; }
    public int ProgressPart { get; set; }
    public DateTime? ProgressUpdatedAtUtc { get; set; }

    // Last: SQLite adds a column at the end of the table, and the migrations must build the model's column order.
    /// <summary>
    /// The node running it (<see cref="Cluster.PortalNode.Id"/>, its Quartz instance id): the run is marked Interrupted
    /// only once that node is gone. Null for runs from before the cluster (a single portal's, recovered at its start).
    /// </summary>
    public string? OwnerNode { get; set; }
}
