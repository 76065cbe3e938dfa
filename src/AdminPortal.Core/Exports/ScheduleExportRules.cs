namespace AdminPortal.Core.Exports;

/// <summary>The frequencies, limits and address rules a schedule shares with its validator and its list.</summary>
public static class ScheduleExportRules
{
    public static readonly IReadOnlyList<int> IntervalHours = [2, 4, 6, 12, 24];

    public const int MaxNameLength = 120;

    /// <summary>A domain name as <see cref="ExportOptions.AllowedRecipientDomains"/> lists them: labels and dots, no @ or wildcard.</summary>
    public static bool IsDomain(string? domain) =>
        !string.IsNullOrWhiteSpace(domain) && domain.Contains('.', StringComparison.Ordinal)
        && Uri.CheckHostName(domain.Trim()) == UriHostNameType.Dns;

    /// <summary>The address's domain is one of <paramref name="domains"/> or below one (ops.corp.example under corp.example).</summary>
    public static bool InDomains(string address, IReadOnlyList<string> domains)
    {
        var at = address.LastIndexOf('@');
        var domain = at < 0 ? "" : address[(at + 1)..];
        return domains.Select(d => d.Trim().TrimStart('.')).Any(d =>
            domain.Equals(d, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));
    }

    public static IReadOnlyList<string> Addresses(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>How a list shows the frequency: "Every 6 hours", "Daily at 02:00 (Europe/Paris)", "Cron 0 0 2 * * ? (UTC)".</summary>
    public static string Describe(ScheduledExport s) => s.FrequencyKind switch
    {
        ExportFrequencyKind.EveryHours => $"Every {s.EveryHours} hours",
        ExportFrequencyKind.Daily => $"Daily at {s.TimeOfDay:HH\\:mm} ({s.TimeZoneId})",
        ExportFrequencyKind.Weekly => $"Weekly on {(DayOfWeek)(s.Day ?? 0)} at {s.TimeOfDay:HH\\:mm} ({s.TimeZoneId})",
        ExportFrequencyKind.Monthly => $"Monthly on {(s.Day >= Scheduling.ExportCron.LastDayOfMonth ? "the last day" : $"day {s.Day}")} at {s.TimeOfDay:HH\\:mm} ({s.TimeZoneId})",
        _ => $"Cron {s.Cron} ({s.TimeZoneId})",
    };
}
