namespace AdminPortal.Core.Exports;

/// <summary>
/// Event times as an export reads them. Every stored value maps to an instant, so no event can stop an export: a value
/// outside what DateTime holds (0001-01-01 to 9999-12-31, only a hand-edited database holds one, since the portal
/// stores DateTimes) is read as the nearest representable instant, in the first or the last partition.
/// </summary>
internal static class ExportEventTime
{
    public static readonly long MinUnixMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    public static readonly long MaxUnixMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static long Clamp(long unixMs) => Math.Clamp(unixMs, MinUnixMs, MaxUnixMs);

    public static DateTime FromUnixMs(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(Clamp(unixMs)).UtcDateTime;
}
