namespace AdminPortal.CloudStorage;

/// <summary>Where an integration writes: a cloud, a bucket or container, a prefix, and how to authenticate.</summary>
public abstract record StorageDestination(string Prefix)
{
    public abstract CloudProvider Provider { get; }

    /// <summary>The bucket (S3, GCS) or container (Azure).</summary>
    public abstract string BucketName { get; }
}
