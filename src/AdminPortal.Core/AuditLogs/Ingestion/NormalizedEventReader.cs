using System.Text;
using System.Text.Json;
using static AdminPortal.Core.AuditLogs.Ingestion.NormalizedEventMapper;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// The fast path of the normalized shape: one pass of <see cref="Utf8JsonReader"/> over the event's UTF-8 text, with
/// no <see cref="JsonDocument"/> (building and walking it was about 16 µs of an event's 50 µs through the HTTP API,
/// bench/). It only ever accepts: an ALTR event, a value it would reject, or text that is not valid JSON returns null,
/// and <see cref="AuditEventParser.MapEvent"/> maps the event again by <see cref="NormalizedEventMapper"/>, so that
/// every rejection keeps its exact words and an accepted event is the same either way.
/// </summary>
internal static class NormalizedEventReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>What a property name is: a typed field, a text field (with its setter and limit), or, when absent, unknown.</summary>
    private sealed record Field(TypedField? Typed, Action<AuditEvent, string?>? SetText, bool Repeats, int MaxLength);

    private static readonly Dictionary<string, Field> Named = AllFields();

    // One case-insensitive lookup per property instead of the typed fields' and then the text fields' (the names differ).
    private static readonly Dictionary<string, Field>.AlternateLookup<ReadOnlySpan<char>> Fields = Named.GetAlternateLookup<ReadOnlySpan<char>>();

    // The schema's own spelling (camelCase, as senders write it) looked up on the name's UTF-8 bytes as received: no
    // transcoding and no case folding for the usual name; any other spelling goes on to the case-insensitive lookup.
    private static readonly Dictionary<byte[], Field>.AlternateLookup<ReadOnlySpan<byte>> ExactFields = Named
        .ToDictionary(f => Encoding.UTF8.GetBytes(f.Key), f => f.Value, Utf8BytesComparer.Instance)
        .GetAlternateLookup<ReadOnlySpan<byte>>();

    private static Dictionary<string, Field> AllFields()
    {
        var fields = new Dictionary<string, Field>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in AuditEventFields.TextFieldNames)
        {
            var setText = AuditEventFields.TextSetter(name, out var repeats);
            fields.Add(name, new Field(null, setText, repeats, AuditEventFields.TextMaxLength(name)));
        }

        foreach (var typed in Enum.GetValues<TypedField>())
        {
            fields.Add(JsonNamingPolicy.CamelCase.ConvertName(typed.ToString()), new Field(typed, null, false, AuditEventFields.MaxLargeTextLength));
        }

        return fields;
    }

    /// <summary>The accepted event, or null when the event needs the full mapping (see the class summary).</summary>
    public static AuditEvent? TryRead(ReadOnlySpan<byte> utf8Json, JsonStringPool strings)
    {
        // A surrogate escape may be a lone one, in any value, read or not: the full mapping tells (most events have no \u).
        if (JsonText.MayHaveSurrogateEscape(utf8Json))
        {
            return null;
        }

        try
        {
            return Read(utf8Json, strings);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // e.g. text that is not valid UTF-8: the full mapping says what it says about it
        }
    }

    private static AuditEvent? Read(ReadOnlySpan<byte> utf8Json, JsonStringPool strings)
    {
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: true, new JsonReaderState(Options));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var auditEvent = new AuditEvent();
        var hasTime = false;
        Span<char> nameBuffer = stackalloc char[MaxFieldNameLength];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var utf8Name = reader.ValueSpan;
            if (reader.ValueIsEscaped || !ExactFields.TryGetValue(utf8Name, out var field))
            {
                // Not the schema's spelling ("eventID" is not "eventId": it names an ALTR event).
                if (utf8Name.SequenceEqual("eventID"u8))
                {
                    return null; // an ALTR event
                }

                var name = utf8Name.Length <= MaxFieldNameLength && !reader.ValueIsEscaped
                    ? nameBuffer[..Encoding.UTF8.GetChars(utf8Name, nameBuffer)]
                    : reader.GetString().AsSpan();
                if (name.SequenceEqual("eventID"))
                {
                    return null; // an ALTR event whose name was written with escapes
                }

                // Null for an unknown property: not an error, the sender may know more than the schema; RawJson keeps it.
                field = Fields.TryGetValue(name, out var anyCase) ? anyCase : null;
            }

            reader.Read();
            var start = (int)reader.TokenStartIndex;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
            }

            var raw = utf8Json[start..(int)reader.BytesConsumed];
            if (field is null)
            {
                continue;
            }

            switch (field.Typed)
            {
                case TypedField.EventTime:
                    // Null or white space is as if absent (JsonValues.IsBlank).
                    var timeText = reader.TokenType == JsonTokenType.String ? reader.GetString()! : null;
                    if (reader.TokenType == JsonTokenType.Null || (timeText is not null && string.IsNullOrWhiteSpace(timeText)))
                    {
                        break;
                    }

                    if (!TryReadTime(ref reader, timeText, out var time))
                    {
                        return null;
                    }

                    auditEvent.EventTimeUtc = time;
                    hasTime = true;
                    break;
                case TypedField.Status:
                    var statusText = PooledText(ref reader, raw, strings);
                    if (string.IsNullOrWhiteSpace(statusText))
                    {
                        break;
                    }

                    if (!AuditEventFields.TryParseStatus(statusText, out var status))
                    {
                        return null;
                    }

                    auditEvent.Status = status;
                    break;
                case TypedField.Count:
                    if (reader.TokenType == JsonTokenType.Null)
                    {
                        break;
                    }

                    if (!AuditEventFields.TryParseCount((Text(ref reader, raw) ?? "").Trim(), out var count))
                    {
                        return null;
                    }

                    auditEvent.Count = count;
                    break;
                case TypedField.TargetType:
                    var targetText = PooledText(ref reader, raw, strings);
                    if (string.IsNullOrWhiteSpace(targetText))
                    {
                        break;
                    }

                    if (!AuditEventFields.TryParseTargetType(targetText, out var targetType))
                    {
                        return null;
                    }

                    auditEvent.TargetType = targetType;
                    break;
                case TypedField.Data:
                    auditEvent.DataJson = reader.TokenType == JsonTokenType.Null ? null : Encoding.UTF8.GetString(raw);
                    if (auditEvent.DataJson?.Length > field.MaxLength)
                    {
                        return null;
                    }

                    break;
                default:
                    var text = field.Repeats ? PooledText(ref reader, raw, strings) : Text(ref reader, raw);
                    // Checked as each value is read (a repeated member's too long first value sends it to the full
                    // mapping, which then accepts it): nothing is left to check per field at the end.
                    if (text?.Length > field.MaxLength)
                    {
                        return null;
                    }

                    field.SetText!(auditEvent, text);
                    break;
            }
        }

        // The object's end, then nothing but white space: JsonDocument refuses anything after the value.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
        {
            return null;
        }

        // FindProblem without its messages: the lengths were checked as the values were read.
        if (!AuditEventFields.HasMandatoryFields(auditEvent, hasTime))
        {
            return null;
        }

        // Text that is not valid UTF-8 is rejected by the full mapping, which says at which byte.
        if (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            return null;
        }

        // Kept as UTF-8 for the writer.
        auditEvent.RawJsonUtf8 = utf8Json.ToArray();
        return auditEvent;
    }

    /// <summary>As <see cref="JsonValues.Text(JsonElement)"/>: numbers, objects and arrays keep their JSON text.</summary>
    private static string? Text(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => Encoding.UTF8.GetString(raw),
    };

    /// <summary>As <see cref="JsonStringPool.Text(JsonElement)"/>: short texts without escapes shared across the batch.</summary>
    private static string? PooledText(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw, JsonStringPool strings) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= JsonStringPool.MaxPooledLength
            ? strings.Text(reader.ValueSpan)
            : Text(ref reader, raw);

    /// <summary>As <see cref="JsonValues.TryReadTime"/>, without the message: a time it would refuse returns false.</summary>
    private static bool TryReadTime(ref Utf8JsonReader reader, string? text, out DateTime utc)
    {
        utc = default;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out var ms) && JsonValues.TryFromUnixMilliseconds(ms, out utc);
            case JsonTokenType.String when text is not null:
                if (text.Length > 0 && text.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0)
                {
                    return long.TryParse(text, out ms) && JsonValues.TryFromUnixMilliseconds(ms, out utc);
                }

                if (!reader.TryGetDateTimeOffset(out var time) || !JsonValues.HasOffset(text))
                {
                    return false;
                }

                utc = time.UtcDateTime;
                return true;
            default:
                return false;
        }
    }
}
