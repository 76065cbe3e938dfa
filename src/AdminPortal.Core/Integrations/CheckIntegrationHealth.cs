using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// The periodic health check: re-tests every integration whose last test is older than the interval (so a restart
/// does not re-test everything), and tells every Admin of each failure with the cloud's error.
/// </summary>
public sealed class CheckIntegrationHealth(
    IDbContextFactory<PortalDbContext> dbFactory,
    IntegrationConnector connector,
    IntegrationAuditTrail trail,
    IOptions<IntegrationsOptions> options,
    TimeProvider clock,
    ILogger<CheckIntegrationHealth> logger)
{
    /// <summary>The actor of the periodic health check in the audit log.</summary>
    public const string Actor = "system:health-check";

    public async Task<int> CheckDueAsync(CancellationToken ct)
    {
        var dueBefore = clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(options.Value.HealthCheckIntervalHours);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.StorageIntegrations.Where(i => i.LastTestedAtUtc == null || i.LastTestedAtUtc <= dueBefore)
            .OrderBy(i => i.Name).ToListAsync(ct);
        foreach (var i in due)
        {
            var result = await connector.RetestAsync(i, ct);
            await db.SaveChangesAsync(ct);
            await trail.AuditAsync(Actor, "IntegrationHealthChecked", "Storage integration health check", "test", i, $"test: {i.LastTestStatus}", ct, result.Success);
            if (!result.Success)
            {
                logger.LogWarning("Health check of integration {IntegrationName} failed ({ConsecutiveFailures} in a row)", i.Name, i.ConsecutiveFailures);
                await trail.AlertAdminsAsync(
                    $"Storage integration \"{i.Name}\" failed its health check",
                    $"The periodic test of {i.DisplayDestination} failed ({i.ConsecutiveFailures} failure{(i.ConsecutiveFailures == 1 ? "" : "s")} in a row).\n" +
                    $"The cloud said: {result.Status}\n{(result.Hint is null ? "" : $"Hint: {result.Hint}\n")}Scheduled exports to it will fail until it is fixed.", ct);
            }
        }

        return due.Count;
    }
}
