using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Exports;

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

        if (o.ClusterCheckinSeconds is < 1 or > 300)
        {
            errors.Add("Exports:ClusterCheckinSeconds must be 1 to 300.");
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
