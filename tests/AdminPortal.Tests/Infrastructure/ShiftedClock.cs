namespace AdminPortal.Tests.Infrastructure;

/// <summary>The system clock moved by an offset a test advances: time passes for the portal without the test sleeping.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
