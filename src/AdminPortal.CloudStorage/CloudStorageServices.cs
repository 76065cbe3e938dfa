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

        // Validation: every validator of this assembly, as singletons (they hold no state, and the services using them
        // are singletons). The S3 auth validators depend on the destination's compatibility mode: their destination's
        // validator builds them, DI cannot.
        services.AddValidatorsFromAssemblyContaining<StorageDestinationValidator>(ServiceLifetime.Singleton,
            scan => scan.ValidatorType.GetConstructor(Type.EmptyTypes) is not null);
        return services;
    }
}
