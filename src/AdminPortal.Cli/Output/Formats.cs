using System.Globalization;

namespace AdminPortal.Cli.Output;

/// <summary>How the tables write times and sizes.</summary>
public static class Formats
{
    public static string? Time(DateTimeOffset? time) =>
        time?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The API's *AtUtc times are UTC whether or not the JSON says so.</summary>
    public static string? Time(DateTime? time) =>
        time is { } t ? Time(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : null;

    public static string? Number(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture);
}
