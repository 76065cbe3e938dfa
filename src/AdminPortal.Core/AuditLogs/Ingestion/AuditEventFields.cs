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

    private sealed record TextField(string Name, Func<AuditEvent, string?> Get, Action<AuditEvent, string?> Set, int MaxLength);

    private static readonly TextField[] TextFields = BuildTextFields();

    // Case-insensitive so that a mapping header's "codelabel" finds "codeLabel"; CSV headers are also stripped of separators.
    private static readonly Dictionary<string, TextField> TextFieldsByName =
        TextFields.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    private static TextField[] BuildTextFields()
    {
        var fields = new List<TextField>
        {
            new("eventId", e => e.EventId, (e, v) => e.EventId = v ?? "", MaxNameLength),
            new("tenant", e => e.Tenant, (e, v) => e.Tenant = v, MaxNameLength),
            new("datasource", e => e.Datasource, (e, v) => e.Datasource = v ?? "", MaxNameLength),
            new("externalRef", e => e.ExternalRef, (e, v) => e.ExternalRef = v, MaxNameLength),
            new("family", e => e.Family, (e, v) => e.Family = v ?? "", MaxNameLength),
            new("whereSource", e => e.WhereSource, (e, v) => e.WhereSource = v, MaxNameLength),
            new("whereDestination", e => e.WhereDestination, (e, v) => e.WhereDestination = v, MaxNameLength),
            new("login", e => e.Login, (e, v) => e.Login = v ?? "", MaxNameLength),
            new("repository", e => e.Repository, (e, v) => e.Repository = v ?? "", MaxNameLength),
            new("identity", e => e.Identity, (e, v) => e.Identity = v, MaxNameLength),
            new("session", e => e.Session, (e, v) => e.Session = v, MaxNameLength),
            new("category", e => e.Category, (e, v) => e.Category = v, MaxNameLength),
            new("code", e => e.Code, (e, v) => e.Code = v ?? "", MaxNameLength),
            new("codeLabel", e => e.CodeLabel, (e, v) => e.CodeLabel = v ?? "", MaxNameLength),
            new("action", e => e.Action, (e, v) => e.Action = v ?? "", MaxNameLength),
            new("payload", e => e.Payload, (e, v) => e.Payload = v, MaxLargeTextLength),
            new("displayLabel", e => e.DisplayLabel, (e, v) => e.DisplayLabel = v, MaxNameLength),
            new("targetName", e => e.TargetName, (e, v) => e.TargetName = v, MaxNameLength),
            new("targetParent", e => e.TargetParent, (e, v) => e.TargetParent = v, MaxNameLength),
            new("secondTarget", e => e.SecondTarget, (e, v) => e.SecondTarget = v, MaxNameLength),
            new("oldValue", e => e.OldValue, (e, v) => e.OldValue = v, MaxLargeTextLength),
            new("newValue", e => e.NewValue, (e, v) => e.NewValue = v, MaxLargeTextLength),
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

    /// <summary>True when <paramref name="name"/> names a plain text field of the schema.</summary>
    public static bool IsTextField(string name) => TextFieldsByName.ContainsKey(name);

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
        string Name(string field) => displayNames is not null && displayNames.TryGetValue(field, out var n) ? n : field;

        List<string>? missing = null;
        void Require(string field, bool present)
        {
            if (!present)
            {
                var name = Name(field);
                missing ??= [];
                if (!missing.Contains(name))
                {
                    missing.Add(name);
                }
            }
        }

        Require("eventId", !string.IsNullOrWhiteSpace(auditEvent.EventId));
        Require("eventTime", hasEventTime);
        Require("datasource", !string.IsNullOrWhiteSpace(auditEvent.Datasource));
        Require("family", !string.IsNullOrWhiteSpace(auditEvent.Family));
        Require("login", !string.IsNullOrWhiteSpace(auditEvent.Login));
        Require("repository", !string.IsNullOrWhiteSpace(auditEvent.Repository));
        Require("code", !string.IsNullOrWhiteSpace(auditEvent.Code));
        Require("codeLabel", !string.IsNullOrWhiteSpace(auditEvent.CodeLabel));
        Require("action", !string.IsNullOrWhiteSpace(auditEvent.Action));
        Require("count", hasCount);
        if (missing is not null)
        {
            return missing.Count == 1 ? $"{missing[0]} is missing" : $"{string.Join(", ", missing)} are missing";
        }

        if (auditEvent.Count < 1)
        {
            return $"{Name("count")} must be a whole number of at least 1 (got {auditEvent.Count})";
        }

        foreach (var field in TextFields)
        {
            var value = field.Get(auditEvent);
            if (value is not null && value.Length > field.MaxLength)
            {
                return $"{Name(field.Name)} is {value.Length:N0} characters long, more than the {field.MaxLength:N0} allowed";
            }
        }
        if (auditEvent.DataJson is { Length: > MaxLargeTextLength } data)
        {
            return $"{Name("data")} is {data.Length:N0} characters long, more than the {MaxLargeTextLength:N0} allowed";
        }
        return null;
    }
}
