using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>The normalized shape: the camelCase JSON of <see cref="AuditEvent"/>'s fields.</summary>
internal static class NormalizedEventMapper
{
    internal const int MaxFieldNameLength = 64;

    internal enum TypedField
    {
        EventTime,
        Status,
        Count,
        TargetType,
        Data,
    }

    // Matched without case, as the text fields are.
    internal static readonly Dictionary<string, TypedField>.AlternateLookup<ReadOnlySpan<char>> TypedFields =
        Enum.GetValues<TypedField>()
            .ToDictionary(f => f.ToString(), StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    public static EventOutcome Map(JsonElement root, string rawJson, JsonStringPool strings)
    {
        var auditEvent = new AuditEvent { RawJson = rawJson };
        var hasTime = false;
        Span<char> nameBuffer = stackalloc char[MaxFieldNameLength];
        foreach (var property in root.EnumerateObject())
        {
            var value = property.Value;
            // Property names are matched without making a string of each: at 200,000 events a second those add up.
            var utf8Name = JsonMarshal.GetRawUtf8PropertyName(property);
            var name = utf8Name.Length <= MaxFieldNameLength && !utf8Name.Contains((byte)'\\')
                ? nameBuffer[..Encoding.UTF8.GetChars(utf8Name, nameBuffer)]
                : property.Name.AsSpan();
            TypedField? typed = TypedFields.TryGetValue(name, out var field) ? field : null;
            switch (typed)
            {
                case TypedField.EventTime:
                    if (JsonValues.IsBlank(value))
                    {
                        break;
                    }
                    if (!JsonValues.TryReadTime(value, "eventTime", out var time, out var timeProblem))
                    {
                        return Reject(root, timeProblem!);
                    }
                    auditEvent.EventTimeUtc = time;
                    hasTime = true;
                    break;
                case TypedField.Status:
                    var statusText = strings.Text(value);
                    if (string.IsNullOrWhiteSpace(statusText))
                    {
                        break;
                    }
                    if (!AuditEventFields.TryReadStatus("status", statusText, acceptWords: false, out var status, out var statusProblem))
                    {
                        return Reject(root, statusProblem);
                    }
                    auditEvent.Status = status;
                    break;
                case TypedField.Count:
                    if (value.ValueKind is JsonValueKind.Null)
                    {
                        break;
                    }
                    if (!AuditEventFields.TryReadCount("count", JsonValues.Text(value) ?? "", value.GetRawText(), out var count, out var countProblem))
                    {
                        return Reject(root, countProblem);
                    }
                    auditEvent.Count = count;
                    break;
                case TypedField.TargetType:
                    var targetText = strings.Text(value);
                    if (string.IsNullOrWhiteSpace(targetText))
                    {
                        break;
                    }
                    if (!AuditEventFields.TryReadTargetType("targetType", targetText, out var targetType, out var targetProblem))
                    {
                        return Reject(root, targetProblem);
                    }
                    auditEvent.TargetType = targetType;
                    break;
                case TypedField.Data:
                    auditEvent.DataJson = value.ValueKind is JsonValueKind.Null ? null : value.GetRawText();
                    break;
                default:
                    // Unknown properties are not an error: the sender may know more than the schema; RawJson keeps them.
                    var setText = AuditEventFields.TextSetter(name, out var repeats);
                    setText?.Invoke(auditEvent, repeats ? strings.Text(value) : JsonValues.Text(value));
                    break;
            }
        }

        var problem = AuditEventFields.FindProblem(auditEvent, hasTime);
        return problem is null ? EventOutcome.Accept(auditEvent) : Reject(root, problem);
    }

    private static EventOutcome Reject(JsonElement root, string reason) =>
        EventOutcome.Reject(JsonValues.Text(root, "eventId"), reason);
}
