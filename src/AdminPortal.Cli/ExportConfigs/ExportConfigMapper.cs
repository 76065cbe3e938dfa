using System.Text.Json;
using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>Immuta's exportConfig fields onto the portal's integration and schedule (see the CLI README's table).</summary>
public static class ExportConfigMapper
{
    /// <summary>The default object names: hourly folders, the run and part in the name (the portal's suggested template).</summary>
    public const string DefaultUriTemplate = "audit_logs/{yyyy}/{MM}/{dd}/{HH}/audit_logs-{run}-{part}";

    /// <summary>Every problem of the file at once (unknown, missing or mistyped fields, a bad interval), or the plan.</summary>
    public static ExportConfigPlan Map(ExportConfigKind kind, ExportConfigDocument document)
    {
        var reader = new ExportConfigFieldReader(document);
        var allowed = ExportConfigFields.Allowed(kind);
        foreach (var field in document.Fields.Values.Where(f => !allowed.Contains(f.Name)))
        {
            var near = allowed.FirstOrDefault(a => string.Equals(a, field.Name, StringComparison.OrdinalIgnoreCase));
            reader.Problem(field, near is not null
                ? $"unknown field: did you mean \"{near}\"? (field names are case-sensitive)"
                : $"not a field of {ExportConfigFields.Verb(kind)}. Its fields: {string.Join(", ", allowed)}.");
        }

        foreach (var missing in ExportConfigFields.Required(kind).Where(n => !document.Fields.ContainsKey(n)))
        {
            reader.Missing(missing);
        }

        var hours = reader.Interval();
        var path = reader.String(ExportConfigFields.Path) ?? "";
        var endpoint = reader.Endpoint();
        var name = reader.String(ExportConfigFields.Name);
        var format = reader.Format();
        var gzip = reader.Bool(ExportConfigFields.Gzip) ?? true;
        var template = reader.String(ExportConfigFields.UriTemplate);
        var firstRun = reader.FirstRun();
        var identityColumns = reader.Bool(ExportConfigFields.IncludeIdentityColumns) ?? false;

        var integration = kind switch
        {
            ExportConfigKind.S3AccessKey => new CreateIntegrationRequest(name, "AwsAccessKey",
                new DestinationRequest(reader.String(ExportConfigFields.Bucket) ?? "", null, path, reader.String(ExportConfigFields.Region), endpoint,
                    reader.Bool(ExportConfigFields.PathStyle) ?? false),
                null, null, reader.String(ExportConfigFields.AccessKeyId), reader.String(ExportConfigFields.SecretAccessKey)),
            ExportConfigKind.S3AssumedRole => new CreateIntegrationRequest(name, "AwsRole",
                new DestinationRequest(reader.String(ExportConfigFields.Bucket) ?? "", null, path, reader.String(ExportConfigFields.Region), null, false),
                reader.String(ExportConfigFields.RoleArn), null, null, null),
            ExportConfigKind.Adls => new CreateIntegrationRequest(name, "AzureSas",
                new DestinationRequest(reader.String(ExportConfigFields.FileSystem) ?? "", reader.String(ExportConfigFields.StorageAccount), path, null, endpoint, false),
                null, null, null, reader.String(ExportConfigFields.SasToken)),
            _ => reader.KeyJson() is { } keyJson
                ? new CreateIntegrationRequest(name, "GcpServiceAccountKey",
                    new DestinationRequest(reader.String(ExportConfigFields.Bucket) ?? "", null, path, null, endpoint, false), null, null, null, keyJson)
                : new CreateIntegrationRequest(name, "GcpPortalServiceAccount",
                    new DestinationRequest(reader.String(ExportConfigFields.Bucket) ?? "", null, path, null, endpoint, false), null, null, null, null),
        };

        reader.ThrowIfAny();
        return new ExportConfigPlan(integration, name, hours!.Value, format, gzip,
            template ?? DefaultUriTemplate + Extension(format, gzip), firstRun, identityColumns, document);
    }

    private static string Extension(string format, bool gzip) => format switch
    {
        "Csv" => ".csv",
        "JsonLines" => ".jsonl",
        _ => ".json",
    } + (gzip ? ".gz" : "");
}
