using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Network;
using AdminPortal.CloudStorage.S3;
using AdminPortal.CloudStorage.Validation;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.CloudStorage;

public static class CloudStorageServices
{
    /// <summary>Registers the factory that opens S3, Azure Blob and GCS destinations, and the destinations' validators.</summary>
    public static IServiceCollection AddCloudStorage(this IServiceCollection services)
    {
        // Providers: one factory, shared connection pools; each ICloudStorage it opens is owned by its caller.
        services.TryAddSingleton(TimeProvider.System);
        // No custom endpoint unless the host registered a policy that allows some (AddIntegrations binds it to settings).
        services.TryAddSingleton(_ => new EndpointPolicy());
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<CloudStorageFactory>(sp));

        // Validation: FluentValidation's DI package does not restore here, so each validator is registered by hand.
        services.TryAddSingleton<IValidator<StorageDestination>, StorageDestinationValidator>();
        services.TryAddSingleton<IValidator<S3Destination>, S3DestinationValidator>();
        services.TryAddSingleton<IValidator<AzureBlobDestination>, AzureBlobDestinationValidator>();
        services.TryAddSingleton<IValidator<GcsDestination>, GcsDestinationValidator>();
        return services;
    }
}
