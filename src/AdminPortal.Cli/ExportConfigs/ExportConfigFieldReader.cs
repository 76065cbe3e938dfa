using System.Text.Json;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>Reads fields by their expected JSON type, collecting a problem (field, line) for each mismatch.</summary>
internal sealed class ExportConfigFieldReader(ExportConfigDocument document)
{
    private readonly List<ExportConfigProblem> problems = [];

    public void Problem(ExportConfigField field, string message) => problems.Add(new ExportConfigProblem(field.Name, field.Line, message));

    public void Missing(string name) => problems.Add(new ExportConfigProblem(name, null, "required, and missing from the file."));

    public string? String(string name)
    {
        if (!document.Fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (field.Value.ValueKind != JsonValueKind.String)
        {
            Problem(field, $"a string in double quotes, not {Kind(field.Value)}.");
            return null;
        }

        return field.Value.GetString();
    }

    public bool? Bool(string name)
    {
        if (!document.Fields.TryGetValue(name, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (field.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(field, $"true or false, not {Kind(field.Value)}.");
            return null;
        }

        return field.Value.GetBoolean();
    }

    public int? Interval()
    {
        var text = String(ExportConfigFields.Interval);
        if (text is null)
        {
            return null;
        }

        var hours = ImmutaInterval.Parse(text);
        if (hours is null)
        {
            Problem(document.Fields[ExportConfigFields.Interval],
                $"\"{text}\" is not an interval the portal runs: use one of {string.Join(", ", ImmutaInterval.Allowed)}.");
        }

        return hours;
    }

    /// <summary>The portal's extra for S3-compatible stores, Azurite or a GCS emulator: "endpoint" or "serviceUrl", not both.</summary>
    public string? Endpoint()
    {
        var endpoint = String(ExportConfigFields.Endpoint);
        var serviceUrl = String(ExportConfigFields.ServiceUrl);
        if (endpoint is not null && serviceUrl is not null)
        {
            Problem(document.Fields[ExportConfigFields.ServiceUrl], "give \"endpoint\" or \"serviceUrl\", not both: they are the same field.");
        }

        return endpoint ?? serviceUrl;
    }

    public string Format()
    {
        var text = String(ExportConfigFields.Format);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null:
                // Immuta writes JSON audit records: one per line unless the file says otherwise.
                return "JsonLines";
            case "csv":
                return "Csv";
            case "jsonlines" or "jsonl":
                return "JsonLines";
            case "json":
                return "Json";
            default:
                Problem(document.Fields[ExportConfigFields.Format], $"\"{text}\" is not a format: use jsonLines, json or csv.");
                return "JsonLines";
        }
    }

    /// <summary>
    /// What the first run sends: every retained event unless the file says otherwise (Immuta's export sends the whole
    /// audit log, and the CLI's element is "All audit events"), or the element's time range.
    /// </summary>
    public string FirstRun()
    {
        var text = String(ExportConfigFields.FirstRun);
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "allretainedevents":
                return "AllRetainedEvents";
            case "workbookrange":
                return "WorkbookRange";
            default:
                Problem(document.Fields[ExportConfigFields.FirstRun], $"\"{text}\" is not a first run: use allRetainedEvents or workbookRange.");
                return "AllRetainedEvents";
        }
    }

    /// <summary>A service account key: the key JSON object itself, or that JSON as a string.</summary>
    public string? KeyJson()
    {
        if (!document.Fields.TryGetValue(ExportConfigFields.ServiceAccountKey, out var field) || field.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        switch (field.Value.ValueKind)
        {
            case JsonValueKind.Object:
                return field.Value.GetRawText();
            case JsonValueKind.String:
                return field.Value.GetString();
            default:
                Problem(field, $"the service account key JSON (an object), not {Kind(field.Value)}.");
                return null;
        }
    }

    public void ThrowIfAny()
    {
        if (problems.Count > 0)
        {
            // In file order: a person fixes them top to bottom.
            throw new ExportConfigException(document.File, [.. problems.OrderBy(p => p.Line ?? int.MaxValue)]);
        }
    }

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
