using System.Globalization;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The <c>{run}</c> token. It names the window, not the attempt: a retry of a failed window writes the very same
/// object names (overwriting whatever the failed attempt left), and two different windows never share names.
/// </summary>
public static class ExportRunTokens
{
    /// <summary>"i{first}-{last}": the row ids the incremental window may hold (after the watermark, up to the snapshot bound).</summary>
    public static string Incremental(long afterRowId, long toRowId) =>
        string.Create(CultureInfo.InvariantCulture, $"i{afterRowId + 1}-{toRowId}");

    /// <summary>"s{yyyyMMddTHHmmssZ}-{last}": when the snapshot was taken and its newest row id.</summary>
    public static string Snapshot(DateTime takenAtUtc, long toRowId) =>
        string.Create(CultureInfo.InvariantCulture, $"s{takenAtUtc:yyyyMMdd'T'HHmmss'Z'}-{toRowId}");
}
