namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>A clock that reads one instant: what "now" is for the ingestion rules under test.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
