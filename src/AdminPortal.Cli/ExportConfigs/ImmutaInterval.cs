namespace AdminPortal.Cli.ExportConfigs;

/// <summary>Immuta's <c>interval</c> values, which are the portal's "every N hours" schedules (2, 4, 6, 12 or 24).</summary>
public static class ImmutaInterval
{
    public static readonly IReadOnlyList<int> Hours = [2, 4, 6, 12, 24];

    public static IEnumerable<string> Allowed => Hours.Select(Name);

    public static string Name(int hours) => $"EVERY_{hours}_HOURS";

    /// <summary>
    /// Immuta's name for the portal's frequency as its API shows it ("Every 12 hours" → EVERY_12_HOURS); null for any
    /// other frequency (daily, cron… set in the UI).
    /// </summary>
    public static string? FromFrequency(string? frequency) =>
        Hours.Where(h => string.Equals(frequency, $"Every {h} hours", StringComparison.Ordinal)).Select(Name).FirstOrDefault();

    /// <summary>The hours of <paramref name="text"/>, or null when it is not one of <see cref="Allowed"/>.</summary>
    public static int? Parse(string? text) =>
        Hours.Select(h => (int?)h).FirstOrDefault(h => string.Equals(text?.Trim(), Name(h!.Value), StringComparison.Ordinal));
}
