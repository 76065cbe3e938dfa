namespace AdminPortal.Web.Tests;

/// <summary>A clock stopped at one instant (the next-runs preview and the schedule list read it); timers still run in real time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
