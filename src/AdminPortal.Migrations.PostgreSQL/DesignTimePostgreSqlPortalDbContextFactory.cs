using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdminPortal.Migrations.PostgreSQL;

/// <summary>
/// The context as `dotnet ef --project src/AdminPortal.Migrations.PostgreSQL` builds it: on PostgreSQL, with this
/// assembly as its migrations assembly. Adding a migration never connects, so the server named is a placeholder.
/// </summary>
internal sealed class DesignTimePostgreSqlPortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(PortalDatabase.Configure(
        new DbContextOptionsBuilder<PortalDbContext>(), DatabaseProvider.PostgreSQL, "Host=localhost;Database=adminportal").Options);
}
