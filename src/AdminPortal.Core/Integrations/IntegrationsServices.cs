using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Network;
using AdminPortal.Core.Security.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

public static class IntegrationsServices
{
    /// <summary>Registers storage integrations: settings, the cloud providers, the use cases and the secret store.</summary>
    public static IServiceCollection AddIntegrations(this IServiceCollection services, IConfiguration configuration)
    {
        // Settings: the portal's own cloud identities, each optional but checked for shape at start
        services.AddOptions<IntegrationsOptions>().Bind(configuration.GetSection(IntegrationsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IntegrationsOptions>, IntegrationsOptionsValidator>();

        // Providers and destination validators (AdminPortal.CloudStorage), connecting by the custom-endpoint settings
        services.TryAddSingleton(sp => new EndpointPolicy(sp.GetRequiredService<IOptions<IntegrationsOptions>>().Value.CustomEndpoints));
        services.AddCloudStorage();

        // Use cases; scheduled exports replace the no-op seam when they exist
        services.AddSingleton<IntegrationService>();
        services.AddSingleton<IntegrationConnectionStatus>();
        services.AddHostedService<IntegrationHealthCheckService>();
        services.TryAddSingleton<ILinkedExports, NoLinkedExports>();

        // Secrets: rotated by `--rotate-secrets`
        services.AddSingleton<ISecretStore, IntegrationSecretStore>();
        return services;
    }
}
