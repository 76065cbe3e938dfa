using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>
/// What an exportConfig file asks the portal for: one integration and one schedule of it (every N hours), plus where
/// each API field came from in the file, so the portal's messages can name the file's field and line.
/// </summary>
public sealed record ExportConfigPlan(
    CreateIntegrationRequest Integration,
    string? ScheduleName,
    int EveryHours,
    string Format,
    bool Gzip,
    string UriTemplate,
    string FirstRun,
    bool IncludeIdentityColumns,
    ExportConfigDocument Document)
{
    /// <summary>The file's field (and line) behind an API error key such as <c>destination.bucket</c>, if any.</summary>
    public ExportConfigField? FieldFor(string apiField)
    {
        var key = apiField.Trim().ToLowerInvariant();
        string[] candidates = key switch
        {
            "destination.bucket" or "bucket" => [ExportConfigFields.Bucket, ExportConfigFields.FileSystem],
            "destination.accountname" or "accountname" => [ExportConfigFields.StorageAccount],
            "destination.prefix" or "prefix" => [ExportConfigFields.Path],
            "destination.region" or "region" => [ExportConfigFields.Region],
            "destination.serviceurl" or "serviceurl" => [ExportConfigFields.Endpoint, ExportConfigFields.ServiceUrl],
            "destination.pathstyle" or "pathstyle" => [ExportConfigFields.PathStyle],
            "rolearn" => [ExportConfigFields.RoleArn],
            "accesskeyid" => [ExportConfigFields.AccessKeyId],
            "secret" => [ExportConfigFields.SecretAccessKey, ExportConfigFields.SasToken, ExportConfigFields.ServiceAccountKey],
            "everyhours" or "frequencykind" => [ExportConfigFields.Interval],
            "format" => [ExportConfigFields.Format],
            "gzip" => [ExportConfigFields.Gzip],
            "uritemplate" => [ExportConfigFields.UriTemplate],
            "firstrun" => [ExportConfigFields.FirstRun],
            "includeidentitycolumns" => [ExportConfigFields.IncludeIdentityColumns],
            "name" => [ExportConfigFields.Name],
            _ => [],
        };
        return candidates.Select(c => Document.Fields.GetValueOrDefault(c)).FirstOrDefault(f => f is not null);
    }
}
