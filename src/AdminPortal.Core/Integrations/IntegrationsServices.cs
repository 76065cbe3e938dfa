using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Network;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations.Events;
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

        // Shared by the use cases: secrets, destination checks, connection tests, audit and confirmations
        services.AddSingleton<IntegrationSecrets>();
        services.AddSingleton<IntegrationDestinationCheck>();
        services.AddSingleton<IntegrationConnector>();
        services.AddSingleton<IntegrationAuditTrail>();

        // Use cases, one per file
        services.AddSingleton<ListIntegrations>();
        services.AddSingleton<ListIntegrationNames>();
        services.AddSingleton<SuggestIntegrationName>();
        services.AddSingleton<MissingPortalIdentities>();
        services.AddSingleton<CreateIntegration>();
        services.AddSingleton<GetIntegrationForEdit>();
        services.AddSingleton<ViewCredentials>();
        services.AddSingleton<TestIntegration>();
        services.AddSingleton<EditDestination>();
        services.AddSingleton<DeleteIntegration>();
        services.AddSingleton<OpenIntegrationStorage>();
        services.AddSingleton<IntegrationConnectionStatus>();
        services.AddSingleton<CheckIntegrationHealth>();
        // The periodic health check: a timer on one SQLite portal; a Quartz job in the shared clustered store on
        // PostgreSQL, so several nodes run it once per wake-up between them.
        if ((configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider == DatabaseProvider.PostgreSQL)
        {
            services.AddHostedService<IntegrationHealthCheckSchedule>();
        }
        else
        {
            services.AddHostedService<IntegrationHealthCheckService>();
        }

        // What Edit Destination and Delete announce; the features writing to integrations register their handlers
        // (IIntegrationEventHandler<T>), none is needed
        services.AddSingleton<IntegrationEvents>();

        // Secrets: rotated by `--rotate-secrets`
        services.AddSingleton<ISecretStore, IntegrationSecretStore>();
        return services;
    }
}
