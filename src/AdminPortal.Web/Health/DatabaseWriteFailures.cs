namespace AdminPortal.Web.Health;

/// <summary>
/// The last time a request failed because the database could not be written (full disk, read-only, busy): a rolled
/// back probe writes nothing to disk, so only a real write finds a full disk; /healthz reports it for a while.
/// </summary>
public sealed class DatabaseWriteFailures(TimeProvider clock)
{
    /// <summary>How long one failure keeps /healthz degraded.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private long lastTicks;

    public void Record(string reason)
    {
        LastReason = reason;
        Interlocked.Exchange(ref lastTicks, clock.GetUtcNow().UtcTicks);
    }

    public string? LastReason { get; private set; }

    /// <summary>The failure seen within <see cref="Window"/>, if any.</summary>
    public string? Recent()
    {
        var ticks = Interlocked.Read(ref lastTicks);
        return ticks != 0 && clock.GetUtcNow().UtcTicks - ticks < Window.Ticks ? LastReason : null;
    }
}
