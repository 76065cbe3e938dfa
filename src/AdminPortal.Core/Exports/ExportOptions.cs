using Microsoft.Extensions.Options;

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

internal sealed class ExportOptionsValidator : IValidateOptions<ExportOptions>
{
    public ValidateOptionsResult Validate(string? name, ExportOptions o)
    {
        var errors = new List<string>();
        if (o.PartMaxBytes is < 1024 or > 5L * 1024 * 1024 * 1024)
        {
            errors.Add("Exports:PartMaxBytes must be 1024 to 5368709120 (5 GiB).");
        }

        if (o.PartMaxRows < 1)
        {
            errors.Add("Exports:PartMaxRows must be at least 1.");
        }

        if (o.UploadChunkBytes is < 5 * 1024 * 1024 or > 256 * 1024 * 1024)
        {
            errors.Add("Exports:UploadChunkBytes must be 5 MiB (S3's smallest part) to 256 MiB.");
        }

        if (o.BatchSize is < 1 or > 50_000)
        {
            errors.Add("Exports:BatchSize must be 1 to 50000.");
        }

        if (o.MaxAttempts is < 1 or > 20)
        {
            errors.Add("Exports:MaxAttempts must be 1 to 20.");
        }

        if (o.RetryBaseSeconds is < 0 or > 600 || o.RetryMaxSeconds < o.RetryBaseSeconds || o.RetryMaxSeconds > 3600)
        {
            errors.Add("Exports:RetryBaseSeconds must be 0 to 600 and RetryMaxSeconds from it to 3600.");
        }

        if (o.ProgressIntervalSeconds is < 0 or > 60)
        {
            errors.Add("Exports:ProgressIntervalSeconds must be 0 to 60.");
        }

        // Up to a day, so that a daily export is always allowed.
        if (o.MinimumIntervalMinutes is < 1 or > 1440)
        {
            errors.Add("Exports:MinimumIntervalMinutes must be 1 to 1440 (a day).");
        }

        if (o.MaxNotificationRecipients is < 1 or > 100)
        {
            errors.Add("Exports:MaxNotificationRecipients must be 1 to 100.");
        }

        foreach (var domain in o.AllowedRecipientDomains)
        {
            if (!ScheduleExportRules.IsDomain(domain))
            {
                errors.Add($"Exports:AllowedRecipientDomains: \"{domain}\" is not a domain name such as corp.example (no @, no wildcard).");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
