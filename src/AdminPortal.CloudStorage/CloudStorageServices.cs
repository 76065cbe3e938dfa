using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdminPortal.CloudStorage;

public static class CloudStorageServices
{
    /// <summary>Registers the factory that opens S3, Azure Blob and GCS destinations.</summary>
    public static IServiceCollection AddCloudStorage(this IServiceCollection services)
    {
        // Providers: one factory, shared connection pools; each ICloudStorage it opens is owned by its caller.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<CloudStorageFactory>(sp));
        return services;
    }
}
