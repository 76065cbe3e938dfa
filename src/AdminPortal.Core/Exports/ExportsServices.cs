using AdminPortal.Core.AuditLogs.Retention;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Integrations.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace AdminPortal.Core.Exports;

public static class ExportsServices
{
    /// <summary>The Quartz scheduler's name: the same on every node, which is what makes them one cluster on PostgreSQL.</summary>
    public const string SchedulerName = "AdminPortal";

    /// <summary>Registers scheduled exports: settings, the engine, the use cases and their links to integrations and retention.</summary>
    public static IServiceCollection AddExports(this IServiceCollection services, IConfiguration configuration)
    {
        // Settings: part sizes, batch size, retries
        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExportOptions>, ExportOptionsValidator>();

        // The engine (a run: its window, delivery, retries, its row, its integration) and the use cases; a failed run is told to its owner (bell and e-mail) and its notification addresses
        services.AddSingleton<ExportEventSource>();
        services.AddSingleton<PostgreSqlExportEventSource>();
        services.AddSingleton<IExportEventSource>(sp => sp.ForProvider<IExportEventSource, ExportEventSource, PostgreSqlExportEventSource>());
        services.AddSingleton<ExportEngine>();
        services.AddSingleton<ExportRunWindow>();
        services.AddSingleton<ExportDelivery>();
        services.AddSingleton<ExportPartWriter>();
        services.AddSingleton<ExportRetryPolicy>();
        services.AddSingleton<ExportRunRecorder>();
        services.AddSingleton<ExportRunIntegration>();
        services.AddSingleton<ExportRunsInFlight>();
        services.AddHostedService(sp => sp.GetRequiredService<ExportRunsInFlight>());
        services.AddSingleton<ScheduledExportService>();
        services.AddSingleton<EstimateNextRun>();
        services.AddSingleton<StartSendNow>();
        services.AddSingleton<GetExportRun>();
        services.AddSingleton<ExportRecipients>();
        services.TryAddSingleton<IExportDestinations, IntegrationExportDestinations>();
        services.TryAddSingleton<IExportNotifier, ExportFailureNotifier>();

        // The scheduler: Quartz's persistent store in the portal's database (its qrtz_ tables are created at the first
        // start), one job per schedule; interrupted runs are marked and the store reconciled before it fires anything.
        // On PostgreSQL the nodes sharing the database form one Quartz cluster: one scheduler name, an id per node.
        // A node's runs carry its id (also its Quartz instance id), so another node marks them Interrupted only once it is gone.
        var node = new Cluster.PortalNode();
        services.TryAddSingleton(node);
        services.AddSingleton<Cluster.ClusterMembers>();
        services.AddSingleton<Scheduling.ExportScheduler>();
        services.AddHostedService<Scheduling.ExportSchedulerStartup>();
        var provider = (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider;
        if (provider == DatabaseProvider.PostgreSQL)
        {
            services.AddHostedService<Scheduling.OrphanedRunSweep>();
        }

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = SchedulerName;
                scheduler.InstanceId = node.Id;
            });
            quartz.UsePersistentStore(store =>
            {
                // Read when the store is built, so a test host's Database:Path is already in the configuration.
                if (provider == DatabaseProvider.PostgreSQL)
                {
                    store.UsePostgres(source => source.ConnectionString = configuration.GetConnectionString("Portal"));
                    store.UseClustering(cluster =>
                    {
                        var exports = configuration.GetSection(ExportOptions.Section).Get<ExportOptions>() ?? new ExportOptions();
                        cluster.CheckinInterval = TimeSpan.FromSeconds(exports.ClusterCheckinSeconds);
                        cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(exports.ClusterCheckinSeconds);
                    });
                }
                else
                {
                    store.UseSqlite(source => source.ConnectionString =
                        (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).ConnectionString());
                }

                store.ProvisionSchema();
                store.ConfigureStore(jobStore =>
                {
                    var threshold = TimeSpan.FromSeconds((configuration.GetSection(ExportOptions.Section).Get<ExportOptions>() ?? new ExportOptions()).MisfireThresholdSeconds);
                    jobStore.MisfireThreshold = threshold;
                    jobStore.MisfireHandlerFrequency = threshold;
                });
            });
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = false);

        // Links: integration edits and deletes act on their exports (the handlers of what Integrations announces);
        // retention waits for undelivered events
        services.AddSingleton<IIntegrationEventHandler<IntegrationDestinationChanged>, IntegrationEventHandlers.PauseOrRepointLinkedExports>();
        services.AddSingleton<IIntegrationEventHandler<IntegrationDeleted>, IntegrationEventHandlers.PauseOrDeleteLinkedExports>();
        services.AddSingleton<IntegrationEventHandlers.ListLinkedExports>();
        services.AddSingleton<IRetentionHold, ExportRetentionHold>();

        // The overview's figures
        services.AddSingleton<ListExportFailures>();
        services.AddSingleton<ListRetentionHolds>();
        return services;
    }
}
