using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Tests.Data;

/// <summary>A portal context on an in-memory SQLite database, and that database's schema as sqlite_master holds it.</summary>
internal sealed class SchemaDatabase : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private SchemaDatabase(SqliteConnection connection, PortalDbContext context)
    {
        this.connection = connection;
        Context = context;
    }

    public PortalDbContext Context { get; }

    public static async Task<SchemaDatabase> CreateAsync(Func<PortalDbContext, Task> create)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var context = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(connection).Options);
        await create(context);
        return new SchemaDatabase(connection, context);
    }

    /// <summary>Every table, index, trigger and view but EF's own history and lock, whitespace made single spaces.</summary>
    public static async Task<List<string>> SchemaAsync(SqliteConnection connection, string where = "1")
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ': ' || coalesce(sql, '') FROM sqlite_master " +
            $"WHERE name NOT LIKE '%EFMigrations%' AND name <> 'sqlite_sequence' AND ({where}) ORDER BY type, name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(System.Text.RegularExpressions.Regex.Replace(reader.GetString(0), @"\s+", " "));
        }

        return rows;
    }

    public Task<List<string>> SchemaAsync(string where = "1") => SchemaAsync(connection, where);

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await connection.DisposeAsync();
    }
}
