using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_migrations_build_exactly_the_schema_of_the_model()
    {
        await using var migrated = await SchemaDatabase.CreateAsync(db => db.Database.MigrateAsync());
        await using var fromModel = await SchemaDatabase.CreateAsync(db => db.Database.EnsureCreatedAsync());

        // The events-per-hour table and its triggers have no entity: the model does not know them.
        const string modelOnly = "name NOT LIKE '%AuditEventHours' AND type <> 'trigger'";
        Assert.Equal(await fromModel.SchemaAsync(modelOnly), await migrated.SchemaAsync(modelOnly));
    }

    [Fact]
    public async Task The_model_has_no_change_that_a_migration_lacks()
    {
        // What `dotnet ef migrations has-pending-model-changes` checks: a model change without `dotnet ef migrations add`.
        await using var database = await SchemaDatabase.CreateAsync(_ => Task.CompletedTask);

        Assert.False(database.Context.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task A_new_database_is_migrated_to_the_baseline_and_what_came_after_it()
    {
        await using var database = await SchemaDatabase.CreateAsync(db => db.Database.MigrateAsync());

        var applied = (await database.Context.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(PortalMigrations.BaselineId, applied[0]);
        Assert.Equal(database.Context.Database.GetMigrations(), applied);
    }
}
