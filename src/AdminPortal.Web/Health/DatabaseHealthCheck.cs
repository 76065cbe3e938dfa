using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AdminPortal.Web.Health;

/// <summary>
/// Healthy when the database (the SQLite file, or the PostgreSQL server) is there, answers a query and takes a write,
/// on a fresh (unpooled) connection.
/// Degraded when it reads but refuses writes (locked past the probe's wait, read-only) or a request recently failed to
/// write (a full disk); unhealthy when it does not answer at all.
/// </summary>
public sealed class DatabaseHealthCheck(IOptions<DatabaseOptions> options, DatabaseWriteFailures writeFailures) : IHealthCheck
{
    /// <summary>How long the write probe waits for the write lock: ingestion holds it for milliseconds at a time.</summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var db = options.Value;
        var probed = db.Provider == DatabaseProvider.PostgreSQL ? await ProbePostgresAsync(db, ct) : await ProbeSqliteAsync(db, ct);
        if (probed is not null)
        {
            return probed.Value;
        }

        return writeFailures.Recent() is { } reason
            ? HealthCheckResult.Degraded($"A request failed to write to the database within the last minute: {reason}")
            : HealthCheckResult.Healthy();
    }

    private static async Task<HealthCheckResult?> ProbeSqliteAsync(DatabaseOptions db, CancellationToken ct)
    {
        // A pooled connection keeps working on a deleted file, which would hide a lost database.
        if (!File.Exists(db.FullPath))
        {
            return HealthCheckResult.Unhealthy("The database file is missing.");
        }

        await using var connection = new SqliteConnection(db.ConnectionString(create: false));
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\"";
            await command.ExecuteScalarAsync(ct);
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }

        try
        {
            // A real change to a real page, rolled back: takes the write lock and opens the file for writing.
            await using var probe = connection.CreateCommand();
            probe.CommandTimeout = (int)ProbeWait.TotalSeconds;
            probe.CommandText = """
                BEGIN IMMEDIATE;
                UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion" || '' WHERE rowid = (SELECT min(rowid) FROM "__EFMigrationsHistory");
                ROLLBACK;
                """;
            await probe.ExecuteNonQueryAsync(ct);
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Degraded($"The database answers but refuses writes: {ex.Message}", ex);
        }

        return null;
    }

    private static async Task<HealthCheckResult?> ProbePostgresAsync(DatabaseOptions db, CancellationToken ct)
    {
        // Unpooled, with a short connect timeout: a pooled connection would say nothing about a server that went away.
        var builder = new NpgsqlConnectionStringBuilder(db.PortalConnectionString) { Pooling = false, Timeout = (int)ProbeWait.TotalSeconds + 3 };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
            await command.ExecuteScalarAsync(ct);
        }
        catch (Exception ex) when (ex is NpgsqlException || DatabaseErrors.Classify(ex) is not null)
        {
            return HealthCheckResult.Unhealthy($"The database does not answer: {DatabaseErrors.Classify(ex)?.Message ?? ex.Message}", ex);
        }

        try
        {
            // The same rolled-back change: refused on a read-only server (a standby after a failover) or behind a lock.
            await using var probe = new NpgsqlCommand($"""
                BEGIN;
                SET LOCAL lock_timeout = '{(int)ProbeWait.TotalMilliseconds}ms';
                UPDATE "__EFMigrationsHistory" SET "ProductVersion" = "ProductVersion" || '' WHERE "MigrationId" = (SELECT min("MigrationId") FROM "__EFMigrationsHistory");
                ROLLBACK;
                """, connection);
            await probe.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex)
        {
            return HealthCheckResult.Degraded($"The database answers but refuses writes: {ex.MessageText}", ex);
        }

        return null;
    }

    /// <summary>The status, then each check's description: says why it is degraded, without a stack trace.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Description is not null).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join("\n", lines.Prepend(report.Status.ToString())) + "\n", context.RequestAborted);
    }
}
