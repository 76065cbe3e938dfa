namespace AdminPortal.Core.Exports;

/// <summary>How export runs cut their objects and retry (section "Exports").</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    /// <summary>An object ({part}) closes at the first row after about this many stored bytes (after gzip).</summary>
    public long PartMaxBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>An object closes after this many rows.</summary>
    public long PartMaxRows { get; set; } = 5_000_000;

    /// <summary>The upload's chunk (S3 multipart part, Azure block, GCS resumable chunk): the memory one upload holds.</summary>
    public int UploadChunkBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Events read per keyset query.</summary>
    public int BatchSize { get; set; } = 2000;

    /// <summary>Attempts per object (and for the manifest) when the cloud fails with a transient error.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry waits about this long; each next one twice as long (with jitter), up to <see cref="RetryMaxSeconds"/>.</summary>
    public double RetryBaseSeconds { get; set; } = 2;

    public double RetryMaxSeconds { get; set; } = 60;

    /// <summary>How often a run writes its progress (rows, bytes, part) to its history row.</summary>
    public double ProgressIntervalSeconds { get; set; } = 1;

    /// <summary>A firing this late (the portal was down, or busy) is a misfire: it runs once, at once, whatever was missed.</summary>
    public double MisfireThresholdSeconds { get; set; } = 60;

    /// <summary>
    /// PostgreSQL only (the nodes sharing one database are one Quartz cluster): how often a node records in qrtz_scheduler_state
    /// that it is alive. A node silent for this long past its last check-in plus the same again (about 15 s at 7.5) is taken
    /// for dead by another node, which fires its trigger again at once when the job asked for recovery, and otherwise
    /// lets the trigger's next firing (or, if that is MisfireThresholdSeconds late, the misfire rule) take over.
    /// Shorter finds a dead node sooner for a little more database traffic per node.
    /// </summary>
    public double ClusterCheckinSeconds { get; set; } = 7.5;

    /// <summary>
    /// The least time between two runs of one schedule, for everyone (Admins too): a schedule whose frequency or cron
    /// would fire sooner is refused, and a stored one is not run sooner.
    /// </summary>
    public int MinimumIntervalMinutes { get; set; } = 60;

    /// <summary>
    /// Domains whose addresses may receive a schedule's failure e-mails besides the portal's users (empty: the portal's
    /// users only), e.g. ["corp.example"]; a domain allows its subdomains too.
    /// </summary>
    public string[] AllowedRecipientDomains { get; set; } = [];

    /// <summary>The most notification addresses one schedule may name.</summary>
    public int MaxNotificationRecipients { get; set; } = 10;
}
