using AdminPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AdminPortal.Web.Health;

/// <summary>Healthy when the database file is there and answers a query on a fresh (unpooled) connection.</summary>
public sealed class DatabaseHealthCheck(IOptions<DatabaseOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // A pooled connection keeps working on a deleted file, which would hide a lost database.
        var db = options.Value;
        if (!File.Exists(db.FullPath))
        {
            return HealthCheckResult.Unhealthy("The database file is missing.");
        }

        try
        {
            await using var connection = new SqliteConnection(db.ConnectionString(create: false));
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\"";
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (SqliteException ex)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
        }
    }
}
