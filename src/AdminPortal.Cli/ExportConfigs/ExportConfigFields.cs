namespace AdminPortal.Cli.ExportConfigs;

/// <summary>The fields each create verb reads: Immuta's own, plus the portal's extras (endpoint, pathStyle, name, format…).</summary>
public static class ExportConfigFields
{
    public const string Interval = "interval";
    public const string Bucket = "bucket";
    public const string Path = "path";
    public const string Region = "region";
    public const string AccessKeyId = "accessKeyId";
    public const string SecretAccessKey = "secretAccessKey";
    public const string RoleArn = "roleArn";
    public const string StorageAccount = "storageAccount";
    public const string FileSystem = "fileSystem";
    public const string SasToken = "sasToken";
    public const string ServiceAccountKey = "serviceAccountKey";
    public const string Endpoint = "endpoint";
    public const string ServiceUrl = "serviceUrl";
    public const string PathStyle = "pathStyle";
    public const string Name = "name";
    public const string Format = "format";
    public const string Gzip = "gzip";
    public const string UriTemplate = "uriTemplate";
    public const string FirstRun = "firstRun";
    public const string IncludeIdentityColumns = "includeIdentityColumns";

    private static readonly string[] Common = [Interval, Path, Name, Format, Gzip, UriTemplate, FirstRun, IncludeIdentityColumns];

    public static IReadOnlyList<string> Required(ExportConfigKind kind) => kind switch
    {
        ExportConfigKind.S3AccessKey => [Interval, Bucket, AccessKeyId, SecretAccessKey],
        ExportConfigKind.S3AssumedRole => [Interval, Bucket, RoleArn],
        ExportConfigKind.Adls => [Interval, StorageAccount, FileSystem, SasToken],
        _ => [Interval, Bucket],
    };

    /// <summary>Every field the verb reads, in the order the README lists them.</summary>
    public static IReadOnlyList<string> Allowed(ExportConfigKind kind) => kind switch
    {
        ExportConfigKind.S3AccessKey => [.. Common, Bucket, Region, AccessKeyId, SecretAccessKey, Endpoint, ServiceUrl, PathStyle],
        // The portal assumes a role only against AWS's own endpoints: no endpoint here.
        ExportConfigKind.S3AssumedRole => [.. Common, Bucket, Region, RoleArn],
        ExportConfigKind.Adls => [.. Common, StorageAccount, FileSystem, SasToken, Endpoint, ServiceUrl],
        _ => [.. Common, Bucket, ServiceAccountKey, Endpoint, ServiceUrl],
    };

    public static string Verb(ExportConfigKind kind) => kind switch
    {
        ExportConfigKind.S3AccessKey => "create:s3:accessKey",
        ExportConfigKind.S3AssumedRole => "create:s3:assumedRole",
        ExportConfigKind.Adls => "create:adls",
        _ => "create:gcs",
    };
}
