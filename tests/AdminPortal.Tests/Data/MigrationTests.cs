using AdminPortal.Core.Data;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Data;

/// <summary>The tool-made migrations of one provider (run on each by <see cref="SqliteMigrationTests"/> and <see cref="PostgreSqlMigrationTests"/>).</summary>
public abstract class MigrationTests(DatabaseProvider provider)
{
    /// <summary>
    /// What the migrations' own SQL makes differently from the model on purpose: each line of the model's schema that
    /// the migrations replace, with the lines they put instead (lines they only add: under an empty key).
    /// </summary>
    protected virtual Dictionary<string, string[]> HandMade => [];

    [Fact]
    public async Task The_migrations_build_exactly_the_schema_of_the_model()
    {
        await using var migrated = await TestDatabase.CreateAsync(provider);
        await using var fromModel = await TestDatabase.CreateAsync(provider);
        await using (var db = migrated.NewContext())
        {
            await db.Database.MigrateAsync();
        }

        await using (var db = fromModel.NewContext())
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await fromModel.SchemaAsync();
        Assert.NotEmpty(expected);
        var actual = await migrated.SchemaAsync();
        Assert.Equal(HandMade.Keys.Where(k => k != "").Order(), expected.Except(actual).Order());
        Assert.Equal(HandMade.Values.SelectMany(v => v).Order(), actual.Except(expected).Order());
    }

    [Fact]
    public async Task The_model_has_no_change_that_a_migration_lacks()
    {
        // What `dotnet ef migrations has-pending-model-changes` checks: a model change without `dotnet ef migrations add`.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task A_new_database_is_migrated_to_the_baseline_and_what_came_after_it()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        await PortalMigrations.MigrateAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.EndsWith("_Baseline", applied[0], StringComparison.Ordinal);
        if (provider == DatabaseProvider.Sqlite)
        {
            Assert.Equal(PortalMigrations.BaselineId, applied[0]);
        }

        Assert.Equal(db.Database.GetMigrations(), applied);
    }
}
