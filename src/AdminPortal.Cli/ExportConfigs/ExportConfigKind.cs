namespace AdminPortal.Cli.ExportConfigs;

/// <summary>Immuta's create verbs, one per cloud and way of signing in.</summary>
public enum ExportConfigKind
{
    /// <summary><c>create:s3:accessKey</c>: an access key pair (AwsAccessKey), also for S3-compatible stores.</summary>
    S3AccessKey,

    /// <summary><c>create:s3:assumedRole</c>: the portal's IAM user assumes the customer's role (AwsRole).</summary>
    S3AssumedRole,

    /// <summary><c>create:adls</c>: an Azure storage account and container with a SAS token (AzureSas).</summary>
    Adls,

    /// <summary><c>create:gcs</c>: a GCS bucket, with a service account key JSON or the portal's own service account.</summary>
    Gcs,
}
