using Microsoft.Extensions.Options;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// The rules every ingested event meets whatever its shape (normalized, ALTR, CSV row): an event time inside a sane
/// window, no event dressed as the portal's own, and no NUL (U+0000) in a field. <see cref="Start"/> fixes "now" once
/// for a batch, so the check per event is two comparisons and a few string tests, without allocating.
/// </summary>
public sealed class IngestionRules(IOptions<IngestionOptions> options, TimeProvider clock)
{
    /// <summary>The rules with the default settings and the system clock (tests, bench/).</summary>
    public static IngestionRules Default { get; } = new(Options.Create(new IngestionOptions()), TimeProvider.System);

    /// <summary>The rules for a batch starting now.</summary>
    public IngestionCheck Start()
    {
        var hours = options.Value.MaxFutureHours;
        return new IngestionCheck(clock.GetUtcNow().UtcDateTime.AddHours(hours), hours);
    }
}
