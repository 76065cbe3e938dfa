using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Health;

/// <summary>
/// Healthy when the database file is there, answers a query and takes a write, on a fresh (unpooled) connection.
/// Degraded when it reads but refuses writes (locked past the probe's wait, read-only) or a request recently failed to
/// write (a full disk); unhealthy when it does not answer at all.
/// </summary>
public sealed class DatabaseHealthCheck(IOptions<DatabaseOptions> options, DatabaseWriteFailures writeFailures) : IHealthCheck
{
    /// <summary>How long the write probe waits for the write lock: ingestion holds it for milliseconds at a time.</summary>
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // A pooled connection keeps working on a deleted file, which would hide a lost database.
        var db = options.Value;
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

        return writeFailures.Recent() is { } reason
            ? HealthCheckResult.Degraded($"A request failed to write to the database within the last minute: {reason}")
            : HealthCheckResult.Healthy();
    }

    /// <summary>The status, then each check's description: says why it is degraded, without a stack trace.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Where(e => e.Value.Description is not null).Select(e => $"{e.Key}: {e.Value.Description}");
        return context.Response.WriteAsync(string.Join("\n", lines.Prepend(report.Status.ToString())) + "\n", context.RequestAborted);
    }
}
