using System.Globalization;
using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.Ledger;

/// <summary>The date an import's snapshot is taken at, as the page and the API take it.</summary>
public static class SnapshotDate
{
    public const string Expected = "a date (2026-11-01, midnight UTC) or an ISO-8601 time (2026-11-01T08:00:00Z)";

    /// <summary>yyyy-MM-dd (midnight UTC), or a time as the collection reads dates (ISO-8601, yyyy-MM-dd HH:mm:ss as UTC).</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        text = text?.Trim() ?? "";
        if (DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out utc))
        {
            return true;
        }

        return CsvCollector.TryParseDate(text, out utc);
    }
}
