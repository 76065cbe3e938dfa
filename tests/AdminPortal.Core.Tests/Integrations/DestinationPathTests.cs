using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Tests.Integrations;

public sealed class DestinationPathTests
{
    [Theory]
    [InlineData(IntegrationCloud.Aws, "s3://audit-bucket/portal/logs/", "audit-bucket", null, "portal/logs/")]
    [InlineData(IntegrationCloud.Aws, "audit-bucket", "audit-bucket", null, "")]
    [InlineData(IntegrationCloud.Aws, "  S3://audit-bucket/x  ", "audit-bucket", null, "x")]
    [InlineData(IntegrationCloud.Gcp, "gs://audit-bucket/folder/", "audit-bucket", null, "folder/")]
    [InlineData(IntegrationCloud.Azure, "azure://account1/container/prefix/", "container", "account1", "prefix/")]
    [InlineData(IntegrationCloud.Azure, "account1/container", "container", "account1", "")]
    [InlineData(IntegrationCloud.Azure, "https://account1.blob.core.windows.net/container/a/b", "container", "account1", "a/b")]
    public void A_destination_path_splits_into_bucket_account_and_prefix(IntegrationCloud cloud, string text, string bucket, string? account, string prefix)
    {
        var parsed = DestinationPath.Parse(cloud, text);

        Assert.Null(parsed.Error);
        Assert.Equal((bucket, account, prefix), (parsed.Bucket, parsed.Account, parsed.Prefix));
    }

    [Theory]
    [InlineData(IntegrationCloud.Aws, "", "Enter the destination")]
    [InlineData(IntegrationCloud.Aws, "gs://bucket/x", "An AWS destination looks like s3://")]
    [InlineData(IntegrationCloud.Gcp, "s3://bucket", "A GCP destination looks like gs://")]
    [InlineData(IntegrationCloud.Azure, "account-only", "names the storage account and the container")]
    [InlineData(IntegrationCloud.Azure, "https://example.com/container", "https://<account>.blob.core.windows.net")]
    public void A_destination_in_the_wrong_shape_is_explained(IntegrationCloud cloud, string text, string message)
    {
        var parsed = DestinationPath.Parse(cloud, text);

        Assert.Contains(message, parsed.Error);
    }

    [Theory]
    [InlineData(IntegrationCloud.Aws, "b", null, "p/")]
    [InlineData(IntegrationCloud.Azure, "c", "acct", "p/q")]
    [InlineData(IntegrationCloud.Gcp, "b", null, "")]
    public void Format_is_the_inverse_of_parse(IntegrationCloud cloud, string bucket, string? account, string prefix)
    {
        var parsed = DestinationPath.Parse(cloud, DestinationPath.Format(cloud, bucket, account, prefix));

        Assert.Equal((bucket, account, prefix, (string?)null), parsed);
    }
}
