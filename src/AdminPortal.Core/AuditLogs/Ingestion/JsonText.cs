using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// Checks of an event's text that JSON syntax does not make: UTF-8 that is valid, and \u escapes that make whole
/// characters. Both are legal to a JSON reader until a value becomes a string, where invalid bytes turn silently into
/// U+FFFD and a lone surrogate escape throws (it ended the request with an HTML 500).
/// </summary>
internal static class JsonText
{
    /// <summary>The 0-based offset of the first byte that is not valid UTF-8, or null when all are.</summary>
    public static int? FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        if (System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return null;
        }
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }
            offset += consumed;
        }
        return null;
    }

    /// <summary>Whether the text has a \u escape of a surrogate (\uD800 to \uDFFF): one vectorized search when it has no \u at all.</summary>
    public static bool MayHaveSurrogateEscape(ReadOnlySpan<byte> utf8)
    {
        var from = 0;
        while (true)
        {
            var at = utf8[from..].IndexOf("\\u"u8);
            if (at < 0)
            {
                return false;
            }
            from += at + 2;
            if (from < utf8.Length && utf8[from] is (byte)'d' or (byte)'D')
            {
                return true;
            }
        }
    }

    /// <summary>
    /// The first surrogate escape that is not half of a pair, as written (\ud800), with the top-level field it is in
    /// (null when it is in a field name), or null. The text must be valid JSON.
    /// </summary>
    public static (string Escape, string? Field)? FindUnpairedSurrogate(ReadOnlySpan<byte> utf8Json)
    {
        if (!MayHaveSurrogateEscape(utf8Json))
        {
            return null;
        }
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
        string? field = null;
        while (reader.Read())
        {
            var isName = reader.TokenType == JsonTokenType.PropertyName;
            if ((isName || reader.TokenType == JsonTokenType.String) && reader.ValueIsEscaped
                && UnpairedEscape(reader.ValueSpan) is { } escape)
            {
                return (escape, isName ? null : field);
            }
            if (isName && reader.CurrentDepth == 1)
            {
                field = reader.GetString();
            }
        }
        return null;
    }

    /// <summary>The first lone surrogate escape of a string token's raw content.</summary>
    private static string? UnpairedEscape(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }
            if (raw[i + 1] != (byte)'u')
            {
                i++; // \\, \" and the like: the next byte is not the start of an escape
                continue;
            }
            var unit = Hex(raw.Slice(i + 2, 4));
            if (char.IsHighSurrogate(unit))
            {
                var next = i + 6;
                if (next + 6 <= raw.Length && raw[next] == (byte)'\\' && raw[next + 1] == (byte)'u' && char.IsLowSurrogate(Hex(raw.Slice(next + 2, 4))))
                {
                    i = next + 5;
                    continue;
                }
                return Encoding.ASCII.GetString(raw.Slice(i, 6));
            }
            if (char.IsLowSurrogate(unit))
            {
                return Encoding.ASCII.GetString(raw.Slice(i, 6));
            }
            i += 5;
        }
        return null;
    }

    private static char Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | HexDigit(digit);
        }
        return (char)value;
    }

    private static int HexDigit(byte digit) => digit switch
    {
        >= (byte)'0' and <= (byte)'9' => digit - '0',
        >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
        _ => digit - 'A' + 10,
    };
}
