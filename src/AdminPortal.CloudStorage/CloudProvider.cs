namespace AdminPortal.CloudStorage;

public enum CloudProvider
{
    AmazonS3,
    AzureBlob,
    GoogleCloudStorage,
}
