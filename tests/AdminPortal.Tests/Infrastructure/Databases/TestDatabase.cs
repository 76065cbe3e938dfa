using System.Text.RegularExpressions;
using AdminPortal.Core.Data;
using AdminPortal.Tests.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminPortal.Tests.Infrastructure.Databases;

/// <summary>
/// An empty database of its own on either provider: a SQLite file in a temporary folder, or a new database on the
/// run's <see cref="PostgresCluster"/>. The matrix test classes take the provider from their derived class.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? folder;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder)
    {
        Provider = provider;
        ConnectionString = connectionString;
        this.folder = folder;
    }

    private string SqlitePath => Path.Combine(folder!, "portal.db");

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.PostgreSQL)
        {
            var cluster = await PostgresCluster.InstanceAsync();
            return new TestDatabase(provider, await cluster.CreateDatabaseAsync(), null);
        }

        var folder = Directory.CreateTempSubdirectory("adminportal-db-").FullName;
        var options = new DatabaseOptions { Path = Path.Combine(folder, "portal.db") };
        return new TestDatabase(provider, options.ConnectionString(), folder);
    }

    /// <summary>The portal's settings for this database, as an operator writes them.</summary>
    public Dictionary<string, string?> Settings() => Provider == DatabaseProvider.PostgreSQL
        ? new() { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:Portal"] = ConnectionString }
        : new() { ["Database:Path"] = SqlitePath };

    /// <summary>The portal's Database section (with ConnectionStrings:Portal) for this database.</summary>
    public DatabaseOptions Options() => Provider == DatabaseProvider.PostgreSQL
        ? new() { Provider = DatabaseProvider.PostgreSQL, PortalConnectionString = ConnectionString }
        : new() { Path = SqlitePath };

    /// <summary>A context on this database as the portal configures it (PostgreSQL with its own migrations assembly).</summary>
    public PortalDbContext NewContext() =>
        new(PortalDatabase.Configure(new DbContextOptionsBuilder<PortalDbContext>(), Provider, ConnectionString).Options);

    /// <summary>
    /// The tables, columns and indexes the model knows, one line each, whitespace made single spaces. SQLite's
    /// events-per-hour table and its triggers are made by the migrations' own SQL, which the model does not know.
    /// </summary>
    public async Task<List<string>> SchemaAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using var sqlite = new SqliteConnection(ConnectionString);
            await sqlite.OpenAsync();
            return await SchemaDatabase.SchemaAsync(sqlite, "name NOT LIKE '%AuditEventHours' AND type <> 'trigger'");
        }

        // The events' partitions (AuditEvents_2026_11, AuditEvents_default: the same columns and indexes as their parent)
        // are left out; the parent and AuditEventIds / AuditEventHours, made by the migration's own SQL, are listed.
        const string catalog = """
            SELECT 'column ' || table_name || '.' || column_name || ': ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name NOT LIKE '%EFMigrations%'
                AND table_name NOT LIKE 'AuditEvents\_%'
            UNION ALL
            SELECT 'index ' || indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE '%EFMigrations%'
                AND tablename NOT LIKE 'AuditEvents\_%'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass || '.' || conname || ': ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT LIKE '%EFMigrations%'
                AND conrelid::regclass::text NOT LIKE '"AuditEvents\_%'
            ORDER BY 1
            """;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(catalog, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            // A partitioned table's own index reads "ON ONLY": each partition has its own, attached to it.
            rows.Add(Regex.Replace(reader.GetString(0), @"\s+", " ").Replace(" ON ONLY ", " ON "));
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSQL)
        {
            // Each database has its own pool: give its connections back to the server now.
            await using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
            return;
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder!, recursive: true);
        }
        catch (IOException)
        {
            // A connection of a finishing test still holds the file; the OS temp cleaner takes it.
        }
    }
}
