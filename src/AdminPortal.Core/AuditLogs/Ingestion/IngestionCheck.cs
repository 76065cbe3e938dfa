using System.Globalization;
using AdminPortal.Core.Security;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// <see cref="IngestionRules"/> for one batch. An event time before 1970 or past the allowed skew is refused: such a
/// time is a bug or an attack, and one event dated 9999 used to make every export whose object name has time tokens
/// fail on every run. The family, datasource and repository "adminportal" and event ids starting "adminportal-" are
/// the portal's own audit events (<see cref="PortalAuditLog"/>): a token that could write them could forge the
/// portal's record of who did what. A NUL (U+0000) in any field is refused here too, so that JSON, NDJSON and CSV
/// collection reject that one line on every provider (PostgreSQL would otherwise fail the whole batch).
/// </summary>
public readonly record struct IngestionCheck(DateTime LatestUtc, int MaxFutureHours)
{
    /// <summary>The earliest event time accepted: the Unix epoch.</summary>
    public static readonly DateTime EarliestUtc = DateTime.UnixEpoch;

    private const string ReservedIdPrefix = PortalAuditLog.Family + "-";

    /// <summary>
    /// Why the event may not be ingested, naming fields through <paramref name="displayNames"/> (schema name to the
    /// input's own), or null. <paramref name="freeOfNul"/> true skips the look for U+0000 in every field, for a
    /// caller that knows there is none (JSON text without the \u0000 escape).
    /// </summary>
    public string? Problem(AuditEvent auditEvent, IReadOnlyDictionary<string, string>? displayNames = null, bool freeOfNul = false)
    {
        var time = auditEvent.EventTimeUtc;
        if (time < EarliestUtc)
        {
            return $"{Name("eventTime", displayNames)} {Format(time)} is before {Format(EarliestUtc)}";
        }
        if (time > LatestUtc)
        {
            return $"{Name("eventTime", displayNames)} {Format(time)} is more than {MaxFutureHours} hours in the future (Ingestion:MaxFutureHours)";
        }

        if (IsReserved(auditEvent.Family))
        {
            return Reserved(Name("family", displayNames), auditEvent.Family);
        }
        if (IsReserved(auditEvent.Datasource))
        {
            return Reserved(Name("datasource", displayNames), auditEvent.Datasource);
        }
        if (IsReserved(auditEvent.Repository))
        {
            return Reserved(Name("repository", displayNames), auditEvent.Repository);
        }
        if (auditEvent.EventId.AsSpan().TrimStart().StartsWith(ReservedIdPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return $"{Name("eventId", displayNames)} '{JsonValues.Shorten(auditEvent.EventId)}' starts with '{ReservedIdPrefix}', which is reserved for the portal's own audit events";
        }
        if (!freeOfNul && AuditEventFields.FieldWithNul(auditEvent) is { } withNul)
        {
            return $"{Name(withNul, displayNames)} contains a NUL character (U+0000), which audit events may not hold";
        }
        return null;
    }

    private static bool IsReserved(string? value) =>
        value is not null && value.AsSpan().Trim().Equals(PortalAuditLog.Family, StringComparison.OrdinalIgnoreCase);

    private static string Reserved(string field, string value) =>
        $"{field} '{JsonValues.Shorten(value)}' is reserved for the portal's own audit events";

    private static string Format(DateTime utc) =>
        utc.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Name(string field, IReadOnlyDictionary<string, string>? displayNames) =>
        displayNames is not null && displayNames.TryGetValue(field, out var name) ? name : field;
}
