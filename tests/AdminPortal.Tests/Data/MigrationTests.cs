using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_hand_written_migrations_build_exactly_the_schema_of_the_model()
    {
        var migrated = await SchemaAsync(db => db.Database.MigrateAsync());
        var fromModel = await SchemaAsync(db => db.Database.EnsureCreatedAsync());

        Assert.Equal(fromModel, migrated);
    }

    private static async Task<List<string>> SchemaAsync(Func<PortalDbContext, Task> create)
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connection)
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .Options;
        await using var db = new PortalDbContext(options);
        await create(db);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE '%EFMigrations%' AND name NOT LIKE 'AuditEventsFts%' AND name NOT LIKE '%AuditEventHours' AND type <> 'trigger' AND name <> 'sqlite_sequence' ORDER BY type, name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(System.Text.RegularExpressions.Regex.Replace(reader.GetString(0), @"\s+", " "));
        }

        return rows;
    }
}
