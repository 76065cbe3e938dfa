namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// How many events the portal stored recently, by their ingestion time (not their event time: a CSV backfill of last
/// month's events is ingestion now). <see cref="LastHourIsLowerBound"/> when the hour held more than the count stops at.
/// </summary>
public sealed record IngestionRate(long LastHour, bool LastHourIsLowerBound, long Last5Minutes, DateTime? LastReceivedUtc)
{
    /// <summary>Events per minute over the last hour.</summary>
    public double PerMinute => LastHour / 60d;
}
