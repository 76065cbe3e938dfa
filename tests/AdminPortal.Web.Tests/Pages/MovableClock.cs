namespace AdminPortal.Web.Tests.Pages;

/// <summary>A stopped clock the test moves: the portal's own events are stored at the start, the seeds after, the page read last.</summary>
public sealed class MovableClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
}
