using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>Deletes events older than the retention period (<see cref="IAuditEventPurge"/>), unless a hold still needs them.</summary>
public sealed class AuditRetention(
    IAuditEventPurge purge,
    IOptions<RetentionOptions> options,
    IEnumerable<IRetentionHold> holds,
    IEnumerable<IRetentionFollower> followers,
    TimeProvider clock,
    ILogger<AuditRetention> logger)
{
    public RetentionRun? LastRun { get; private set; }

    public RetentionOptions Options => options.Value;

    public IReadOnlyList<IRetentionHold> Holds { get; } = holds.ToList();

    public async Task<RetentionRun> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Value.Days);
        string? heldBy = null;
        foreach (var hold in Holds)
        {
            if (await hold.OldestNeededUtcAsync(ct) is { } needed && needed < cutoff)
            {
                cutoff = needed;
                heldBy = hold.Name;
            }
        }

        var deleted = await purge.DeleteOlderThanAsync(cutoff, ct);
        foreach (var follower in followers)
        {
            await follower.DeleteOlderThanAsync(cutoff, ct);
        }

        if (deleted > 0 || heldBy is not null)
        {
            logger.LogInformation("Retention deleted {Deleted} events older than {Cutoff:o}; held by {HeldBy}", deleted, cutoff, heldBy ?? "nothing");
        }

        LastRun = new RetentionRun(now, cutoff, deleted, heldBy);
        return LastRun;
    }
}
