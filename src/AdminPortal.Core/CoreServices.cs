using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Ledger;
using AdminPortal.Core.Notifications;
using AdminPortal.Core.Security;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Setup;
using AdminPortal.Core.Users;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core;

public static class CoreServices
{
    /// <summary>Registers the database, Identity's stores and the portal's use cases.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        // Settings
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Configure(o => o.PortalConnectionString = configuration.GetConnectionString("Portal"))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Database:Path must name a SQLite file.")
            .Validate(o => o.Provider != DatabaseProvider.PostgreSQL || !string.IsNullOrWhiteSpace(o.PortalConnectionString),
                "Database:Provider PostgreSQL needs ConnectionStrings:Portal (Host=...;Database=...;Username=...;Password=...).")
            .Validate(o => o.WalRestartMegabytes is >= 1 and <= 4096, "Database:WalRestartMegabytes must be 1 to 4096.")
            .Validate(o => o.BusyTimeoutSeconds is >= 1 and <= 600, "Database:BusyTimeoutSeconds must be 1 to 600.")
            .ValidateOnStart();
        services.AddOptions<SignInPolicyOptions>().Bind(configuration.GetSection(SignInPolicyOptions.Section))
            .Validate(o => o.PasswordMinLength is >= 8 and <= 128, "SignIn:PasswordMinLength must be 8 to 128.")
            .Validate(o => o.MaxFailedAttempts is >= 1 and <= 100, "SignIn:MaxFailedAttempts must be 1 to 100.")
            .Validate(o => o.LockoutMinutes is >= 1 and <= 1440, "SignIn:LockoutMinutes must be 1 to 1440.")
            .Validate(o => o.SessionHours is >= 1 and <= 720, "SignIn:SessionHours must be 1 to 720.")
            .Validate(o => o.AttemptsPerAddress is >= 1 and <= 100_000, "SignIn:AttemptsPerAddress must be 1 to 100000.")
            .Validate(o => o.AttemptWindowSeconds is >= 1 and <= 86_400, "SignIn:AttemptWindowSeconds must be 1 to 86400.")
            .ValidateOnStart();
        services.AddOptions<AuditLogs.SearchIndex.SearchIndexOptions>().Bind(configuration.GetSection(AuditLogs.SearchIndex.SearchIndexOptions.Section))
            .Validate(o => o.ChunkSize is >= 100 and <= 1_000_000, "SearchIndex:ChunkSize must be 100 to 1000000.")
            .Validate(o => o.IdleMilliseconds is >= 0 and <= 3_600_000, "SearchIndex:IdleMilliseconds must be 0 to 3600000.")
            .Validate(o => o.MaxPendingEvents >= 0, "SearchIndex:MaxPendingEvents must be 0 or more.")
            .ValidateOnStart();
        services.AddOptions<AuditLogs.Retention.RetentionOptions>().Bind(configuration.GetSection(AuditLogs.Retention.RetentionOptions.Section))
            .Validate(o => o.Days is >= 1 and <= 36500, "Retention:Days must be 1 to 36500.")
            .Validate(o => o.IntervalMinutes is >= 1 and <= 10080, "Retention:IntervalMinutes must be 1 to 10080.")
            .Validate(o => o.BatchSize is >= 100 and <= 100_000, "Retention:BatchSize must be 100 to 100000.")
            .ValidateOnStart();
        // Secrets at rest (AES-256-GCM under the master key; Security/Secrets/README.md)
        services.AddSecrets(configuration);
        // In-app notifications and e-mail (SMTP)
        services.AddNotifications(configuration);
        // Audit log storage integrations (S3, Azure Blob, GCS)
        services.AddIntegrations(configuration);
        // Scheduled exports of workbook elements to those integrations
        services.AddExports(configuration);
        // The identity ledger and the logs-ledger matching policies
        services.AddLedger();
        services.AddOptions<BootstrapOptions>().Bind(configuration.GetSection(BootstrapOptions.Section));

        // Database: a factory for short-lived contexts (Blazor circuits live long), and a scoped context for Identity.
        services.AddDbContextFactory<PortalDbContext>((sp, options) =>
        {
            var db = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            PortalDatabase.Configure(options, db.Provider, db.ContextConnectionString());
        });

        // Identity
        services.AddIdentityCore<PortalUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SignInPolicyOptions>>((identity, policy) =>
        {
            identity.Password.RequiredLength = policy.Value.PasswordMinLength;
            identity.Password.RequireDigit = true;
            identity.Password.RequireLowercase = true;
            identity.Password.RequireUppercase = true;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 4;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = policy.Value.MaxFailedAttempts;
            identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(policy.Value.LockoutMinutes);
            identity.User.RequireUniqueEmail = true;
            identity.SignIn.RequireConfirmedAccount = false;
        });

        // Use cases
        services.AddSingleton<PortalAuditLog>();
        services.AddSingleton<AuditWriteGate>();
        services.AddSingleton<AuditEventWriter>();
        services.AddSingleton<AuditLogs.SearchIndex.AuditSearchIndexer>();
        services.AddSingleton<AuditLogs.SearchIndex.PostgreSqlAuditSearchIndexer>();
        services.AddHostedService<AuditLogs.SearchIndex.AuditSearchIndexerService>();
        services.AddHostedService<AuditCheckpointService>();
        services.AddSingleton<AuditEventReader>();
        services.AddSingleton<PostgreSqlAuditEventQueries>();
        services.AddSingleton<IAuditEventQueries>(sp => sp.ForProvider<IAuditEventQueries, AuditEventReader, PostgreSqlAuditEventQueries>());
        services.AddSingleton<AuditLogs.Demo.DemoSeeder>();
        services.AddSingleton<AuditLogExplorer>();
        services.AddSingleton<ReadIngestionRate>();
        services.AddSingleton<Workbooks.WorkbookService>();
        services.AddSingleton<ApiTokens.ApiTokenAuditTrail>();
        services.AddSingleton<ApiTokens.CreateApiToken>();
        services.AddSingleton<ApiTokens.ListApiTokens>();
        services.AddSingleton<ApiTokens.RevokeApiToken>();
        services.AddSingleton<ApiTokens.AuthenticateApiToken>();
        services.AddOptions<AuditLogs.Ingestion.IngestionOptions>();
        services.AddSingleton<AuditLogs.Ingestion.IngestionRules>();
        services.AddSingleton<AuditLogs.Ingestion.IngestionSpool>();
        services.AddSingleton<AuditLogs.Ingestion.AuditEventParser>();
        services.AddSingleton(sp => new AuditLogs.Collection.CsvCollector(sp.GetRequiredService<AuditLogs.Ingestion.IngestionRules>()));
        services.AddSingleton<AuditLogs.Ingestion.AuditIngestion>();
        services.AddSingleton<AuditLogs.Collection.CollectCsvFiles>();
        services.AddSingleton<AuditLogs.Retention.SqliteAuditEventPurge>();
        services.AddSingleton<AuditLogs.Retention.PostgreSqlAuditEventPurge>();
        services.AddSingleton<AuditLogs.Retention.IAuditEventPurge>(sp =>
            sp.ForProvider<AuditLogs.Retention.IAuditEventPurge, AuditLogs.Retention.SqliteAuditEventPurge, AuditLogs.Retention.PostgreSqlAuditEventPurge>());
        services.AddSingleton<AuditLogs.Retention.AuditRetention>();
        // A timer on one SQLite portal; a Quartz job in the shared clustered store on PostgreSQL, so several nodes run it
        // once per interval between them.
        if ((configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).Provider == DatabaseProvider.PostgreSQL)
        {
            services.AddHostedService<AuditLogs.Retention.AuditRetentionSchedule>();
        }
        else
        {
            services.AddHostedService<AuditLogs.Retention.AuditRetentionService>();
        }
        services.AddSingleton<UserSessions>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<FirstRunSetup>();
        services.AddSingleton<PortalInitializer>();
        // Validators of the use cases (users, first-run setup, scheduled exports), as singletons like the use cases
        services.AddValidatorsFromAssemblyContaining<CreateUserCommandValidator>(ServiceLifetime.Singleton);
        return services;
    }
}
