namespace AdminPortal.Cli.ExportConfigs;

/// <summary>Immuta's <c>interval</c> values, which are the portal's "every N hours" schedules (2, 4, 6, 12 or 24).</summary>
public static class ImmutaInterval
{
    public static readonly IReadOnlyList<int> Hours = [2, 4, 6, 12, 24];

    public static IEnumerable<string> Allowed => Hours.Select(Name);

    public static string Name(int hours) => $"EVERY_{hours}_HOURS";

    /// <summary>The hours of <paramref name="text"/>, or null when it is not one of <see cref="Allowed"/>.</summary>
    public static int? Parse(string? text) =>
        Hours.Select(h => (int?)h).FirstOrDefault(h => string.Equals(text?.Trim(), Name(h!.Value), StringComparison.Ordinal));
}
