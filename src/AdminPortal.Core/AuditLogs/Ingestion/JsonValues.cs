using System.Text.Json;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>Reading loosely typed JSON values into the schema's text, time and number forms.</summary>
internal static class JsonValues
{
    // DateTimeOffset's own range in Unix milliseconds (years 0001 to 9999).
    private const long MinUnixMilliseconds = -62_135_596_800_000;
    private const long MaxUnixMilliseconds = 253_402_300_799_999;

    /// <summary>Text of a scalar; numbers keep their JSON spelling; objects and arrays their JSON text; null stays null.</summary>
    public static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>The text of the first of <paramref name="names"/> that <paramref name="obj"/> has with a non-null value.</summary>
    public static string? Text(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                return Text(value);
            }
        }
        return null;
    }

    /// <summary>The first of <paramref name="names"/> present as a JSON number that fits an Int64.</summary>
    public static long? Number(JsonElement obj, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
            {
                return number;
            }
        }
        return null;
    }

    /// <summary>True when the value is absent in substance: null, or a string of white space.</summary>
    public static bool IsBlank(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    /// <summary>
    /// An event time: an ISO-8601 text with a UTC offset ("Z" or ±hh:mm), or Unix epoch milliseconds as a number or a
    /// text of digits. A time without offset is refused rather than guessed: the same text means different instants
    /// in different places.
    /// </summary>
    public static bool TryReadTime(JsonElement value, string name, out DateTime utc, out string? problem)
    {
        utc = default;
        problem = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var ms) && TryFromUnixMilliseconds(ms, out utc))
                {
                    return true;
                }
                problem = $"{name} {value.GetRawText()} is not a time in epoch milliseconds";
                return false;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
                {
                    if (long.TryParse(text, out ms) && TryFromUnixMilliseconds(ms, out utc))
                    {
                        return true;
                    }
                    problem = $"{name} '{Shorten(text)}' is not a time in epoch milliseconds";
                    return false;
                }
                if (!value.TryGetDateTimeOffset(out var time))
                {
                    problem = $"{name} '{Shorten(text)}' is not an ISO-8601 time (e.g. 2026-11-22T10:15:00Z) nor epoch milliseconds";
                    return false;
                }
                if (!HasOffset(text))
                {
                    problem = $"{name} '{Shorten(text)}' has no UTC offset: add Z or +hh:mm";
                    return false;
                }
                utc = time.UtcDateTime;
                return true;
            default:
                problem = $"{name} must be an ISO-8601 text or epoch milliseconds, not {KindName(value.ValueKind)}";
                return false;
        }
    }

    internal static bool TryFromUnixMilliseconds(long ms, out DateTime utc)
    {
        utc = default;
        if (ms is < MinUnixMilliseconds or > MaxUnixMilliseconds)
        {
            return false;
        }
        utc = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        return true;
    }

    internal static bool HasOffset(string text)
    {
        if (text.EndsWith('Z') || text.EndsWith('z'))
        {
            return true;
        }
        // ±hh:mm or ±hhmm after the time of day.
        var t = text.IndexOfAny(['T', 't', ' ']);
        return t > 0 && text.AsSpan(t).IndexOfAny('+', '-') > 0;
    }

    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a text",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>A value cut to a length that reads well inside a message.</summary>
    public static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..max] + "…";
}
