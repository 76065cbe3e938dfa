using System.Buffers;
using System.Text;
using System.Text.Json;

namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>
/// ALTR-style events (query, system and custom audits), recognised by their <c>eventID</c>. The mapping is documented
/// field by field in README.md beside this file.
/// </summary>
internal static class AltrEventMapper
{
    public const string Family = "altr";

    // Messages name the ALTR field the sender must fix, not the schema field it feeds.
    private static readonly Dictionary<string, string> AltrNames = new()
    {
        ["eventId"] = "eventID",
        ["datasource"] = "eventSource",
        ["login"] = "userIdentity",
        ["repository"] = "userIdentity",
        ["code"] = "eventName",
        ["codeLabel"] = "eventName",
        ["action"] = "eventName",
    };

    // The envelope: what a custom audit without a "details" object does not count as its own data.
    private static readonly HashSet<string> EnvelopeFields =
        ["eventID", "eventTime", "eventName", "eventSource", "eventType", "userIdentity", "orgId", "sourceIPAddress"];

    public static EventOutcome Map(JsonElement root, string rawJson)
    {
        var eventId = JsonValues.Text(root, "eventID");
        var eventName = JsonValues.Text(root, "eventName") ?? "";
        var auditEvent = new AuditEvent
        {
            EventId = eventId ?? "",
            Family = Family,
            Datasource = JsonValues.Text(root, "eventSource") ?? "",
            Tenant = JsonValues.Text(root, "orgId"),
            Code = eventName,
            Action = eventName,
            CodeLabel = Humanize(eventName),
            RawJson = rawJson,
        };

        var hasTime = false;
        if (root.TryGetProperty("eventTime", out var timeValue) && !JsonValues.IsBlank(timeValue))
        {
            if (!JsonValues.TryReadTime(timeValue, "eventTime", out var time, out var timeProblem))
            {
                return EventOutcome.Reject(eventId, timeProblem!);
            }
            auditEvent.EventTimeUtc = time;
            hasTime = true;
        }

        var hasDetails = root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object;
        if (!hasDetails)
        {
            details = root;
        }

        MapUser(root, details, auditEvent);
        auditEvent.WhereSource = JsonValues.Text(details, "clientIp", "sourceIp") ?? JsonValues.Text(root, "sourceIPAddress");

        var kind = KindOf(root, eventName, details);
        auditEvent.Category = kind;
        switch (kind)
        {
            case "query":
                MapQuery(details, auditEvent);
                auditEvent.DataJson = hasDetails ? details.GetRawText() : null;
                break;
            case "system":
                MapSystem(details, auditEvent);
                auditEvent.DataJson = hasDetails ? details.GetRawText() : null;
                break;
            default:
                auditEvent.DataJson = hasDetails ? details.GetRawText() : NonEnvelopeFields(root);
                break;
        }

        var problem = AuditEventFields.FindProblem(auditEvent, hasTime, AltrNames);
        return problem is null ? EventOutcome.Accept(auditEvent, AltrNames) : EventOutcome.Reject(eventId, problem);
    }

    private static void MapUser(JsonElement root, JsonElement details, AuditEvent auditEvent)
    {
        auditEvent.Repository = Family;
        if (root.TryGetProperty("userIdentity", out var user))
        {
            if (user.ValueKind == JsonValueKind.Object)
            {
                auditEvent.Login = JsonValues.Text(user, "userName", "name", "email", "principalId") ?? "";
                auditEvent.Identity = JsonValues.Text(user, "principalId", "email") ?? NullIfEmpty(auditEvent.Login);
                auditEvent.Repository = JsonValues.Text(user, "realm", "type") ?? Family;
                auditEvent.Session = JsonValues.Text(user, "sessionId");
            }
            else if (JsonValues.Text(user) is { } name)
            {
                auditEvent.Login = name;
                auditEvent.Identity = name;
            }
        }
        if (string.IsNullOrWhiteSpace(auditEvent.Login))
        {
            // A system audit may name its actor only as changedBy.
            auditEvent.Login = JsonValues.Text(details, "changedBy") ?? "";
        }
        auditEvent.Session ??= JsonValues.Text(details, "sessionId");
    }

    /// <summary>query, system or custom: from eventType, else from eventName, else from the details' fields.</summary>
    private static string KindOf(JsonElement root, string eventName, JsonElement details)
    {
        foreach (var hint in (ReadOnlySpan<string?>)[JsonValues.Text(root, "eventType"), eventName])
        {
            if (hint is null)
            {
                continue;
            }
            if (hint.Contains("query", StringComparison.OrdinalIgnoreCase))
            {
                return "query";
            }
            if (hint.Contains("system", StringComparison.OrdinalIgnoreCase))
            {
                return "system";
            }
            if (hint.Contains("custom", StringComparison.OrdinalIgnoreCase))
            {
                return "custom";
            }
        }
        if (JsonValues.Text(details, "queryText", "query") is not null)
        {
            return "query";
        }
        return JsonValues.Text(details, "objectType", "objectName", "oldValue", "newValue") is not null ? "system" : "custom";
    }

    private static void MapQuery(JsonElement details, AuditEvent auditEvent)
    {
        auditEvent.Payload = JsonValues.Text(details, "queryText", "query");
        auditEvent.ExternalRef = JsonValues.Text(details, "queryId", "requestId");
        var database = JsonValues.Text(details, "database", "databaseName");
        var schema = JsonValues.Text(details, "schema", "schemaName");
        var table = JsonValues.Text(details, "table", "tableName");
        string[] path = [.. new[] { database, schema, table }.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p!)];
        if (path.Length > 0)
        {
            auditEvent.TargetType = AuditTargetType.Asset;
            auditEvent.TargetName = string.Join('.', path);
            auditEvent.TargetParent = path.Length > 1 ? string.Join('.', path[..^1]) : null;
        }

        // Count is mandatory and at least 1; a query that returned no rows still happened once. The exact figure stays in DataJson.
        var rows = JsonValues.Number(details, "rowsReturned", "rowCount", "rows", "result");
        auditEvent.Count = rows is >= 1 and <= int.MaxValue ? (int)rows.Value : 1;
        auditEvent.Status = StatusOf(details);
    }

    private static void MapSystem(JsonElement details, AuditEvent auditEvent)
    {
        auditEvent.OldValue = JsonValues.Text(details, "oldValue");
        auditEvent.NewValue = JsonValues.Text(details, "newValue");
        var objectType = JsonValues.Text(details, "objectType");
        var objectName = JsonValues.Text(details, "objectName");
        auditEvent.TargetName = objectName;
        auditEvent.TargetParent = JsonValues.Text(details, "objectParent");
        auditEvent.TargetType = TargetTypeOf(objectType);
        if (JsonValues.Text(details, "action") is { } action)
        {
            auditEvent.DisplayLabel = string.Join(' ', new[] { action, objectType, objectName }.Where(p => !string.IsNullOrWhiteSpace(p)));
        }
        var changedBy = JsonValues.Text(details, "changedBy");
        if (changedBy is not null && changedBy != auditEvent.Login)
        {
            auditEvent.SecondTarget = changedBy;
        }
        auditEvent.Status = StatusOf(details);
    }

    private static AuditEventStatus? StatusOf(JsonElement details)
    {
        if (details.TryGetProperty("success", out var success) && success.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return success.ValueKind == JsonValueKind.True ? AuditEventStatus.Success : AuditEventStatus.Fail;
        }
        if (JsonValues.Text(details, "result", "status") is { } word && AuditEventFields.TryParseStatusWord(word, out var status))
        {
            return status;
        }
        if (!string.IsNullOrWhiteSpace(JsonValues.Text(details, "error", "errorMessage")))
        {
            return AuditEventStatus.Fail;
        }
        // A query audit with a row count and no error went through.
        return JsonValues.Number(details, "rowsReturned", "rowCount", "rows") is not null ? AuditEventStatus.Success : null;
    }

    /// <summary>ALTR object types in the audit schema's nine target types; unknown ones stay unset (RawJson keeps them).</summary>
    private static AuditTargetType? TargetTypeOf(string? objectType)
    {
        if (AuditEventFields.TryParseTargetType(objectType, out var direct))
        {
            return direct;
        }
        return objectType?.Trim().ToLowerInvariant() switch
        {
            "user" or "service_account" or "serviceaccount" => AuditTargetType.Account,
            "role" or "policy" or "access_policy" or "masking_policy" or "grant" => AuditTargetType.Permission,
            "database" or "schema" or "table" or "column" or "view" or "datasource" or "data_source" => AuditTargetType.Asset,
            "integration" or "connector" => AuditTargetType.Application,
            "organization" or "org" or "account_settings" => AuditTargetType.Organisation,
            "tag" or "classification" => AuditTargetType.Perimeter,
            _ => null,
        };
    }

    private static string? NonEnvelopeFields(JsonElement root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var written = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in root.EnumerateObject())
            {
                if (!EnvelopeFields.Contains(property.Name))
                {
                    property.WriteTo(writer);
                    written++;
                }
            }
            writer.WriteEndObject();
        }
        return written == 0 ? null : Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>
    /// A readable label from an identifier: "QueryAudit" → "Query audit", "policy_updated" → "Policy updated";
    /// acronyms stay as they are ("ALTRPolicyChange" → "ALTR policy change").
    /// </summary>
    public static string Humanize(string name)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        void Flush()
        {
            if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                Flush();
                continue;
            }
            if (word.Length > 0 && char.IsUpper(c))
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // "queryAudit" splits before A; "ALTRPolicy" splits before P (an upper case letter that starts a word).
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    Flush();
                }
            }
            word.Append(c);
        }
        Flush();

        for (var i = 0; i < words.Count; i++)
        {
            var isAcronym = words[i].Length > 1 && words[i].All(ch => !char.IsLower(ch));
            if (!isAcronym)
            {
                var lower = words[i].ToLowerInvariant();
                words[i] = i == 0 ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower;
            }
        }
        return string.Join(' ', words);
    }
}
