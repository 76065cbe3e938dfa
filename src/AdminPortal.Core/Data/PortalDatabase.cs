using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Data;

/// <summary>How the portal's context reaches its database, for the portal, the design-time tools and the tests alike.</summary>
public static class PortalDatabase
{
    /// <summary>
    /// The assembly of the PostgreSQL migrations: EF keeps one migrations set per provider in its own assembly
    /// (learn.microsoft.com/ef/core/managing-schemas/migrations/providers), the SQLite set stays in Core.
    /// </summary>
    public const string PostgreSqlMigrationsAssembly = "AdminPortal.Migrations.PostgreSQL";

    public static TBuilder Configure<TBuilder>(TBuilder options, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        switch (provider)
        {
            case DatabaseProvider.PostgreSQL:
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                options.UseSqlite(connectionString);
                break;
        }

        return options;
    }
}
