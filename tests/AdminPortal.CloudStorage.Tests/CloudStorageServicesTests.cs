using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.S3;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.CloudStorage.Tests;

public sealed class CloudStorageServicesTests
{
    [Fact]
    public void AddCloudStorage_registers_one_factory_that_opens_each_cloud_and_the_validators()
    {
        using var services = new ServiceCollection().AddSingleton(StoragePeers.LoopbackPolicy()).AddCloudStorage().BuildServiceProvider();
        var factory = services.GetRequiredService<CloudStorageFactory>();

        using var s3 = factory.Create(new S3Destination("acme-audit", "", "us-east-1", new S3AccessKeyAuth("AKIAIOSFODNN7EXAMPLE", "x")));
        using var compatible = factory.Create(new S3Destination("acme-audit", "", "us-east-1", new S3AccessKeyAuth("minio", "x"), "http://127.0.0.1:9000", true));
        using var azure = factory.Create(new AzureBlobDestination("acmeaudit", "audit", "", new AzureSasAuth("sv=1&sig=2")));
        using var gcs = factory.Create(new GcsDestination("acme-audit", "", new GcsAnonymousAuth(), "http://127.0.0.1:9199"));

        Assert.Same(factory, services.GetRequiredService<CloudStorageFactory>());
        Assert.False(s3.CompatibilityMode);
        Assert.True(compatible.CompatibilityMode);
        Assert.False(azure.CompatibilityMode);
        Assert.False(gcs.CompatibilityMode);
        Assert.NotNull(services.GetRequiredService<IValidator<StorageDestination>>());
        Assert.NotNull(services.GetRequiredService<IValidator<S3Destination>>());
        Assert.NotNull(services.GetRequiredService<IValidator<AzureBlobDestination>>());
        Assert.NotNull(services.GetRequiredService<IValidator<GcsDestination>>());
    }

    [Fact]
    public void Every_validator_a_container_can_build_is_registered_once_as_a_singleton()
    {
        using var services = new ServiceCollection().AddCloudStorage()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var sas = services.GetRequiredService<IValidator<AzureSasAuth>>();

        Assert.Same(sas, services.GetRequiredService<IValidator<AzureSasAuth>>());
        Assert.False(sas.Validate(new AzureSasAuth("not-a-sas")).IsValid);
        Assert.Single(services.GetServices<IValidator<StorageDestination>>());
        Assert.Null(services.GetService<IValidator<S3AccessKeyAuth>>()); // built by S3DestinationValidator with the compatibility mode
    }

    [Fact]
    public async Task Parts_smaller_than_S3_accepts_are_refused_before_anything_is_sent()
    {
        using var factory = new CloudStorageFactory(endpoints: StoragePeers.LoopbackPolicy());
        using var s3 = factory.Create(new S3Destination("acme-audit", "", "us-east-1", new S3AccessKeyAuth("minio", "x"), "http://127.0.0.1:1", true));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            s3.UploadAsync("a.csv", new MemoryStream([1]), UploadOptions.Default with { PartSizeBytes = 1024 * 1024 }, CancellationToken.None));
    }
}
