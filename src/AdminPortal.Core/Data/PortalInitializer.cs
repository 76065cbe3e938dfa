using AdminPortal.Core.Setup;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Data;

/// <summary>Start-up: create and migrate the database, seed the roles, bootstrap or open the first-run setup.</summary>
public sealed class PortalInitializer(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> database,
    IOptions<BootstrapOptions> bootstrap,
    FirstRunSetup setup,
    ILogger<PortalInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        var path = database.Value.FullPath;
        DataFolderPermissions.Secure(database.Value, logger);

        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            await PortalMigrations.MigrateAsync(db, logger, ct);
            if (database.Value.Provider == DatabaseProvider.Sqlite)
            {
                // WAL lets the explorer read while exports and ingestion write.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                // PostgreSQL's full text is a column of the events ("SearchVector"), no index file of its own.
                await AuditLogs.SearchIndex.SearchIndexFile.EnsureCreatedAsync(database.Value, ct);
            }

            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in PortalRoles.All)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    await roles.CreateAsync(new IdentityRole(role));
                }
            }
        }

        logger.LogInformation("Database ready at {DatabasePath}", path);

        var boot = bootstrap.Value;
        if (!string.IsNullOrWhiteSpace(boot.AdminEmail) && !string.IsNullOrEmpty(boot.AdminPassword))
        {
            var result = await setup.BootstrapAsync(boot.AdminEmail, boot.AdminPassword, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    "Bootstrap:AdminEmail/AdminPassword could not create the first Admin: " + string.Join(" ", result.AllMessages));
            }
        }

        var token = await setup.IssueTokenAsync(ct);
        if (token is not null)
        {
            // To the console only, never to a log sink: whoever started the portal is the one allowed to set it up.
            logger.LogWarning("No user exists yet: open /setup and enter the one-time setup token printed on the console");
            Console.Out.WriteLine($"AdminPortal setup token: {token}");
            Console.Out.Flush();
        }
    }
}
