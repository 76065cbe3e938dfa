using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// The audit schema's fields by name, their limits and their text forms: shared by the JSON ingestion shapes and the
/// CSV collection mapping so that both accept and reject the same values with the same words.
/// </summary>
public static class AuditEventFields
{
    /// <summary>Ids, names and labels (e.g. login, targetName, custom fields).</summary>
    public const int MaxNameLength = 400;

    /// <summary>Payload, old/new value and data: 64 KB of text.</summary>
    public const int MaxLargeTextLength = 64 * 1024;

    /// <summary>The target types as written in messages and accepted in input.</summary>
    public static readonly string TargetTypeNames =
        string.Join(", ", Enum.GetNames<AuditTargetType>().Select(n => n.ToLowerInvariant()));

    /// <param name="Repeats">Whether values repeat across events (datasource, login, …) so that a batch may share their strings.</param>
    private sealed record TextField(string Name, Func<AuditEvent, string?> Get, Action<AuditEvent, string?> Set, int MaxLength, bool Repeats = true);

    private static readonly TextField[] TextFields = BuildTextFields();

    // The mandatory fields in the order messages name them; eventTime and count are not text and are checked by flag.
    private static readonly (string Field, Func<AuditEvent, string>? Text)[] MandatoryFields =
    [
        ("eventId", e => e.EventId),
        ("eventTime", null),
        ("datasource", e => e.Datasource),
        ("family", e => e.Family),
        ("login", e => e.Login),
        ("repository", e => e.Repository),
        ("code", e => e.Code),
        ("codeLabel", e => e.CodeLabel),
        ("action", e => e.Action),
        ("count", null),
    ];

    // Case-insensitive so that a mapping header's "codelabel" finds "codeLabel"; CSV headers are also stripped of separators.
    private static readonly Dictionary<string, TextField> TextFieldsByName =
        TextFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly Dictionary<string, TextField>.AlternateLookup<ReadOnlySpan<char>> TextFieldsBySpan =
        TextFieldsByName.GetAlternateLookup<ReadOnlySpan<char>>();

    private static TextField[] BuildTextFields()
    {
        var fields = new List<TextField>
        {
            new("eventId", e => e.EventId, (e, v) => e.EventId = v ?? "", MaxNameLength, Repeats: false),
            new("tenant", e => e.Tenant, (e, v) => e.Tenant = v, MaxNameLength),
            new("datasource", e => e.Datasource, (e, v) => e.Datasource = v ?? "", MaxNameLength),
            new("externalRef", e => e.ExternalRef, (e, v) => e.ExternalRef = v, MaxNameLength, Repeats: false),
            new("family", e => e.Family, (e, v) => e.Family = v ?? "", MaxNameLength),
            new("whereSource", e => e.WhereSource, (e, v) => e.WhereSource = v, MaxNameLength),
            new("whereDestination", e => e.WhereDestination, (e, v) => e.WhereDestination = v, MaxNameLength),
            new("login", e => e.Login, (e, v) => e.Login = v ?? "", MaxNameLength),
            new("repository", e => e.Repository, (e, v) => e.Repository = v ?? "", MaxNameLength),
            new("identity", e => e.Identity, (e, v) => e.Identity = v, MaxNameLength),
            new("session", e => e.Session, (e, v) => e.Session = v, MaxNameLength, Repeats: false),
            new("category", e => e.Category, (e, v) => e.Category = v, MaxNameLength),
            new("code", e => e.Code, (e, v) => e.Code = v ?? "", MaxNameLength),
            new("codeLabel", e => e.CodeLabel, (e, v) => e.CodeLabel = v ?? "", MaxNameLength),
            new("action", e => e.Action, (e, v) => e.Action = v ?? "", MaxNameLength),
            new("payload", e => e.Payload, (e, v) => e.Payload = v, MaxLargeTextLength, Repeats: false),
            new("displayLabel", e => e.DisplayLabel, (e, v) => e.DisplayLabel = v, MaxNameLength, Repeats: false),
            new("targetName", e => e.TargetName, (e, v) => e.TargetName = v, MaxNameLength),
            new("targetParent", e => e.TargetParent, (e, v) => e.TargetParent = v, MaxNameLength),
            new("secondTarget", e => e.SecondTarget, (e, v) => e.SecondTarget = v, MaxNameLength),
            new("oldValue", e => e.OldValue, (e, v) => e.OldValue = v, MaxLargeTextLength, Repeats: false),
            new("newValue", e => e.NewValue, (e, v) => e.NewValue = v, MaxLargeTextLength, Repeats: false),
        };
        var customs = typeof(AuditEvent).GetProperties().Where(p => p.Name.StartsWith("Custom", StringComparison.Ordinal));
        foreach (var property in customs)
        {
            fields.Add(new("custom" + property.Name["Custom".Length..],
                property.GetMethod!.CreateDelegate<Func<AuditEvent, string?>>(),
                property.SetMethod!.CreateDelegate<Action<AuditEvent, string?>>(),
                MaxNameLength));
        }
        return fields.ToArray();
    }

    /// <summary>Sets a plain text field by its schema name (camelCase, case-insensitive); false when the name is not a text field.</summary>
    public static bool TrySetText(AuditEvent auditEvent, string name, string? value)
    {
        if (!TextFieldsByName.TryGetValue(name, out var field))
        {
            return false;
        }
        field.Set(auditEvent, value);
        return true;
    }

    /// <summary>The schema names of the plain text fields (camelCase).</summary>
    internal static IEnumerable<string> TextFieldNames => TextFields.Select(f => f.Name);

    /// <summary>The setter of a plain text field by name, without allocating the name; <paramref name="repeats"/> says whether its values repeat across events.</summary>
    internal static Action<AuditEvent, string?>? TextSetter(ReadOnlySpan<char> name, out bool repeats)
    {
        var found = TextFieldsBySpan.TryGetValue(name, out var field);
        repeats = found && field!.Repeats;
        return found ? field!.Set : null;
    }

    /// <summary>The length limit of a plain text field by name (see <see cref="TextSetter"/>).</summary>
    internal static int TextMaxLength(ReadOnlySpan<char> name) =>
        TextFieldsBySpan.TryGetValue(name, out var field) ? field.MaxLength : 0;

    /// <summary>The schema's canonical spelling of a text field name (e.g. "codelabel" → "codeLabel").</summary>
    public static string? CanonicalTextFieldName(string name) =>
        TextFieldsByName.TryGetValue(name, out var field) ? field.Name : null;

    /// <summary>"success" or "fail", in any case: the normalized shape's strict form.</summary>
    public static bool TryParseStatus(string? text, out AuditEventStatus status)
    {
        status = default;
        if (string.Equals(text, "success", StringComparison.OrdinalIgnoreCase))
        {
            status = AuditEventStatus.Success;
            return true;
        }
        if (string.Equals(text, "fail", StringComparison.OrdinalIgnoreCase))
        {
            status = AuditEventStatus.Fail;
            return true;
        }
        return false;
    }

    /// <summary>The words sources use for an outcome (succeeded, failure, denied, error, …), for ALTR and CSV logs.</summary>
    public static bool TryParseStatusWord(string? text, out AuditEventStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "success" or "succeeded" or "successful" or "ok" or "allowed" or "granted" or "true" or "audit success":
                status = AuditEventStatus.Success;
                return true;
            case "fail" or "failed" or "failure" or "error" or "denied" or "blocked" or "false" or "audit failure":
                status = AuditEventStatus.Fail;
                return true;
            default:
                status = default;
                return false;
        }
    }

    /// <summary>One of the nine target types, in any case.</summary>
    public static bool TryParseTargetType(string? text, out AuditTargetType targetType)
    {
        targetType = default;
        return !string.IsNullOrWhiteSpace(text)
            && !char.IsDigit(text.Trim()[0]) // Enum.TryParse would take "3" as Group.
            && Enum.TryParse(text.Trim(), ignoreCase: true, out targetType);
    }

    /// <summary>A whole number of at least 1.</summary>
    public static bool TryParseCount(string? text, out int count) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count >= 1;

    /// <summary>A status: strictly success or fail, or also the outcome words of logs; else the message naming <paramref name="field"/>.</summary>
    public static bool TryReadStatus(string field, string text, bool acceptWords, out AuditEventStatus status, [NotNullWhen(false)] out string? problem)
    {
        var ok = acceptWords ? TryParseStatusWord(text, out status) : TryParseStatus(text, out status);
        problem = ok ? null
            : acceptWords ? $"{field} '{JsonValues.Shorten(text)}' is neither a success word (success, succeeded, ok, …) nor a failure word (fail, failed, error, denied, …)"
            : $"{field} '{JsonValues.Shorten(text)}' is not one of success, fail";
        return ok;
    }

    /// <summary>A count; else the message naming <paramref name="field"/> and showing the value as given.</summary>
    public static bool TryReadCount(string field, string text, string shownValue, out int count, [NotNullWhen(false)] out string? problem)
    {
        var ok = TryParseCount(text.Trim(), out count);
        problem = ok ? null : $"{field} must be a whole number of at least 1 (got {JsonValues.Shorten(shownValue)})";
        return ok;
    }

    /// <summary>A target type; else the message naming <paramref name="field"/> and listing the nine.</summary>
    public static bool TryReadTargetType(string field, string text, out AuditTargetType targetType, [NotNullWhen(false)] out string? problem)
    {
        var ok = TryParseTargetType(text, out targetType);
        problem = ok ? null : $"{field} '{JsonValues.Shorten(text)}' is not one of {TargetTypeNames}";
        return ok;
    }

    /// <summary>
    /// Whether the event has every mandatory field (<paramref name="hasEventTime"/> for eventTime) and a count of at
    /// least 1: <see cref="FindProblem"/>'s first checks, without the message. The lengths are left to the caller.
    /// </summary>
    internal static bool HasMandatoryFields(AuditEvent auditEvent, bool hasEventTime)
    {
        if (auditEvent.Count < 1)
        {
            return false;
        }
        foreach (var (field, text) in MandatoryFields)
        {
            if (!IsPresent(auditEvent, field, text, hasEventTime, hasCount: true))
            {
                return false;
            }
        }
        return true;
    }

    // Whether a mandatory field has a value: eventTime and count are told by their caller, a text is not blank.
    private static bool IsPresent(AuditEvent auditEvent, string field, Func<AuditEvent, string>? text, bool hasEventTime, bool hasCount) => field switch
    {
        "eventTime" => hasEventTime,
        "count" => hasCount,
        _ => !string.IsNullOrWhiteSpace(text!(auditEvent)),
    };

    /// <summary>
    /// The first problem of a mapped event: missing mandatory fields (all of them, named through
    /// <paramref name="displayNames"/> so that each input shape speaks its own field names), then a count below 1,
    /// then a text over its length limit. Null when the event is good. <paramref name="hasCount"/> false counts count
    /// as missing (a mapping that gives it no value) rather than as a number below 1.
    /// </summary>
    public static string? FindProblem(
        AuditEvent auditEvent,
        bool hasEventTime,
        IReadOnlyDictionary<string, string>? displayNames = null,
        bool hasCount = true)
    {
        List<string>? missing = null;
        foreach (var (field, text) in MandatoryFields)
        {
            var present = IsPresent(auditEvent, field, text, hasEventTime, hasCount);
            // Distinct names: several schema fields may come from one source field (ALTR's eventName gives code, label and action).
            var name = present ? null : DisplayName(field, displayNames);
            if (name is not null && !(missing ??= []).Contains(name))
            {
                missing.Add(name);
            }
        }
        if (missing is not null)
        {
            return missing.Count == 1 ? $"{missing[0]} is missing" : $"{string.Join(", ", missing)} are missing";
        }

        if (auditEvent.Count < 1)
        {
            return $"{DisplayName("count", displayNames)} must be a whole number of at least 1 (got {auditEvent.Count})";
        }

        foreach (var field in TextFields)
        {
            var value = field.Get(auditEvent);
            if (value is not null && value.Length > field.MaxLength)
            {
                return $"{DisplayName(field.Name, displayNames)} is {value.Length:N0} characters long, more than the {field.MaxLength:N0} allowed";
            }
        }
        if (auditEvent.DataJson is { Length: > MaxLargeTextLength } data)
        {
            return $"{DisplayName("data", displayNames)} is {data.Length:N0} characters long, more than the {MaxLargeTextLength:N0} allowed";
        }
        return null;
    }

    /// <summary>
    /// The schema name of the first text field (or data) holding U+0000, or null. PostgreSQL refuses it in text
    /// (22021) and CSV consumers choke on it; in an audit field it is never meaningful. RawJson is left out: a JSON
    /// text carries a NUL only as the six characters of its escape, which no database or reader minds.
    /// </summary>
    internal static string? FieldWithNul(AuditEvent auditEvent)
    {
        foreach (var field in TextFields)
        {
            if (field.Get(auditEvent) is { } value && value.Contains('\0'))
            {
                return field.Name;
            }
        }
        return auditEvent.DataJson is { } data && data.Contains('\0') ? "data" : null;
    }

    private static string DisplayName(string field, IReadOnlyDictionary<string, string>? displayNames) =>
        displayNames is not null && displayNames.TryGetValue(field, out var name) ? name : field;
}
