using System.Security.Claims;
using AdminPortal.Core;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Benchmarks;

/// <summary>A portal database file (or a PostgreSQL database) with Core's own services over it, as the portal registers them.</summary>
internal sealed class PortalDatabase : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private PortalDatabase(string path, Action<IServiceCollection>? configure, Dictionary<string, string?>? settings = null)
    {
        Path = path;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?> { ["Database:Path"] = path })
            .Build();
        var collection = new ServiceCollection().AddLogging().AddPortalCore(configuration);
        // Identity's token providers need data protection, which the web host adds; the benchmark's Admin needs no lasting keys.
        collection.AddDataProtection().UseEphemeralDataProtectionProvider();
        // The web host's route table is not loaded here (the benchmark starts the web host only as a child process).
        collection.AddSingleton<AdminPortal.Core.Notifications.IPortalLinks, BenchLinks>();
        configure?.Invoke(collection);
        services = collection.BuildServiceProvider();
    }

    public string Path { get; }

    public AuditEventWriter Writer => services.GetRequiredService<AuditEventWriter>();

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    /// <summary>Opens the file, creating it with the portal's migrations (and its WAL journal) when it is new.</summary>
    public static async Task<PortalDatabase> CreateAsync(string path, CancellationToken ct, Action<IServiceCollection>? configure = null)
    {
        var database = new PortalDatabase(path, configure);
        // Migrations and WAL as PortalInitializer does them; its first-run setup token is not wanted in the output.
        var factory = database.services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await PortalMigrations.MigrateAsync(db, database.services.GetRequiredService<ILogger<PortalDatabase>>(), ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await SearchIndexFile.EnsureCreatedAsync(database.Options, ct);
        return database;
    }

    /// <summary>A PostgreSQL database that a portal has already migrated (its own start does it).</summary>
    public static PortalDatabase OnPostgreSql(string connectionString) => new("", null, new Dictionary<string, string?>
    {
        ["Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:Portal"] = connectionString,
    });

    /// <summary>An API token with audit:ingest, created the way an Admin creates one.</summary>
    public async Task<string> CreateIngestionTokenAsync(CancellationToken ct)
    {
        var admin = await AdminAsync(ct);
        var result = await services.GetRequiredService<AdminPortal.Core.ApiTokens.CreateApiToken>().HandleAsync(
            admin, new AdminPortal.Core.ApiTokens.CreateApiTokenCommand("benchmark", [AdminPortal.Core.ApiTokens.ApiScopes.AuditIngest], null), ct);
        return result.Succeeded ? result.Value!.Token : throw new InvalidOperationException("The ingestion token was refused: " + string.Join(" ", result.AllMessages));
    }

    /// <summary>
    /// The benchmark's Admin as its use cases see it. They ask the database whether their actor is an Admin now, so it is
    /// a real user, created (once per database file) through Identity as the portal creates its users.
    /// </summary>
    public async Task<ClaimsPrincipal> AdminAsync(CancellationToken ct)
    {
        const string email = "benchmark@localhost";
        await using (var scope = services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            if (!await roles.RoleExistsAsync(PortalRoles.Admin))
            {
                await roles.CreateAsync(new IdentityRole(PortalRoles.Admin));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            if (await users.FindByNameAsync(email) is null)
            {
                var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAtUtc = DateTime.UtcNow };
                await users.CreateAsync(user, "Benchmark-Admin-2026");
                await users.AddToRoleAsync(user, PortalRoles.Admin);
            }
        }

        ct.ThrowIfCancellationRequested();
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, PortalRoles.Admin)], "benchmark"));
    }

    public DatabaseOptions Options => services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        // Pooled connections keep the file (and its WAL) open until cleared.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
