using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Web.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Tests.Data;

public sealed class PostgreSqlDatabaseErrorsTests() : DatabaseErrorsTests(DatabaseProvider.PostgreSQL)
{
    [Fact]
    public async Task Two_transactions_that_deadlock_fail_one_of_them_as_transient()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        await ExecuteAsync(first, "BEGIN; UPDATE rows SET v = 1 WHERE id = 1;");
        await ExecuteAsync(second, "BEGIN; UPDATE rows SET v = 2 WHERE id = 2;");

        // Each now waits for the row the other holds: the server's deadlock check (after deadlock_timeout, 1 s) ends one.
        var firstWaits = ExecuteAsync(first, "UPDATE rows SET v = 1 WHERE id = 2");
        await Task.Delay(200);
        var secondWaits = ExecuteAsync(second, "UPDATE rows SET v = 2 WHERE id = 1");
        var outcomes = await Task.WhenAll(Outcome(firstWaits), Outcome(secondWaits));

        var error = Assert.IsType<PostgresException>(Assert.Single(outcomes, o => o is not null));
        Assert.Equal(PostgresErrorCodes.DeadlockDetected, error.SqlState);
        Assert.Equal(DatabaseErrorKind.Transient, DatabaseErrors.Classify(error)?.Kind);
        Assert.True(ExportRetryPolicy.IsTransient(error));
    }

    [Fact]
    public async Task A_repeatable_read_transaction_overtaken_by_a_concurrent_update_fails_as_transient()
    {
        await using var reader = await OpenAsync();
        await using var writer = await OpenAsync();
        await ExecuteAsync(reader, "BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT v FROM rows WHERE id = 1;");
        await ExecuteAsync(writer, "UPDATE rows SET v = 5 WHERE id = 1");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(reader, "UPDATE rows SET v = v + 1 WHERE id = 1"));

        Assert.Equal(PostgresErrorCodes.SerializationFailure, error.SqlState);
        Assert.True(ExportRetryPolicy.IsTransient(error));
    }

    [Fact]
    public async Task A_row_locked_by_another_transaction_without_waiting_is_transient()
    {
        await using var holder = await OpenAsync();
        await using var other = await OpenAsync();
        await ExecuteAsync(holder, "BEGIN; SELECT * FROM rows WHERE id = 1 FOR UPDATE;");

        var error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(other, "SELECT * FROM rows WHERE id = 1 FOR UPDATE NOWAIT"));

        Assert.Equal(PostgresErrorCodes.LockNotAvailable, error.SqlState);
        Assert.True(ExportRetryPolicy.IsTransient(error));
    }

    [Fact]
    public async Task A_connection_ended_by_the_server_is_unavailable()
    {
        await using var victim = await OpenAsync();
        await using var admin = await OpenAsync();
        await ExecuteAsync(admin, $"SELECT pg_terminate_backend({((NpgsqlConnection)victim).ProcessID})");

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => ExecuteAsync(victim, "SELECT 1"));

        Assert.Equal(DatabaseErrorKind.Unavailable, DatabaseErrors.Classify(error)?.Kind);
    }

    [Fact]
    public async Task The_health_check_is_healthy_on_a_migrated_server_degraded_when_it_is_read_only_and_unhealthy_when_unreachable()
    {
        await using (var db = Database.NewContext())
        {
            await PortalMigrations.MigrateAsync(db, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(Database.ConnectionString)).Status);

        await using (var admin = await OpenAsync())
        {
            await ExecuteAsync(admin, $"ALTER DATABASE \"{admin.Database}\" SET default_transaction_read_only = on");
        }

        var readOnly = await CheckAsync(Database.ConnectionString);
        Assert.Equal(HealthStatus.Degraded, readOnly.Status);
        Assert.Contains("refuses writes", readOnly.Description);

        var unreachable = await CheckAsync(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Port = FreePort() }.ConnectionString);
        Assert.Equal(HealthStatus.Unhealthy, unreachable.Status);
    }

    private static Task<HealthCheckResult> CheckAsync(string connectionString)
    {
        var options = Options.Create(new DatabaseOptions { Provider = DatabaseProvider.PostgreSQL, PortalConnectionString = connectionString });
        return new DatabaseHealthCheck(options, new DatabaseWriteFailures(TimeProvider.System)).CheckHealthAsync(new HealthCheckContext());
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
