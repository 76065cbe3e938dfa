using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AdminPortal.Core.Data;

/// <summary>
/// The context as `dotnet ef` builds it (migrations add, has-pending-model-changes): the portal's host needs settings and
/// starts services the tools have no use for. Migrations are applied by the portal as it starts
/// (<see cref="PortalMigrations"/>), never by `dotnet ef database update`, which would not adopt a database of the
/// hand-written migrations.
/// </summary>
internal sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(new DatabaseOptions().ConnectionString()).Options);
}
