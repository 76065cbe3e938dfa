using System.Data.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Tests.Infrastructure.Databases;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Tests.Data;

/// <summary>
/// The provider-neutral classification (<see cref="DatabaseErrors"/>) against real failures of each provider: what the
/// 503 page, /healthz and the export retries rely on. Run by <see cref="SqliteDatabaseErrorsTests"/> and
/// <see cref="PostgreSqlDatabaseErrorsTests"/>, which add the failures only their provider has.
/// </summary>
public abstract class DatabaseErrorsTests(DatabaseProvider provider) : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(provider);
        await using var connection = await OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE rows (id integer PRIMARY KEY, v integer NOT NULL); INSERT INTO rows VALUES (1, 0), (2, 0);");
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    [Fact]
    public async Task A_database_that_cannot_be_reached_is_unavailable()
    {
        // SQLite: a file in a folder that does not exist, opened without create; PostgreSQL: a port nothing listens on.
        await using DbConnection connection = provider == DatabaseProvider.PostgreSQL
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = FreePort(), Timeout = 5 }.ConnectionString)
            : new SqliteConnection($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "portal.db")};Mode=ReadWrite");

        var error = await Assert.ThrowsAnyAsync<DbException>(() => connection.OpenAsync());

        Assert.Equal(DatabaseErrorKind.Unavailable, DatabaseErrors.Classify(error)?.Kind);
    }

    [Fact]
    public async Task A_defect_in_the_statement_is_no_database_error()
    {
        await using var connection = await OpenAsync();

        var error = await Assert.ThrowsAnyAsync<DbException>(() => ExecuteAsync(connection, "SELECT missing FROM rows"));

        Assert.Null(DatabaseErrors.Classify(error));
        Assert.False(ExportRetryPolicy.IsTransient(error));
    }

    protected async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = provider == DatabaseProvider.PostgreSQL
            ? new NpgsqlConnection(Database.ConnectionString)
            : new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    protected static async Task ExecuteAsync(DbConnection connection, string sql, int timeoutSeconds = 30)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }

    protected static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
