using AdminPortal.CloudStorage;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// What an export run proved about its integration's connection, recorded as a connection test would record it: a
/// refusal of the cloud's kind (credentials, a missing bucket or container, a permission) shows as the integration's
/// status with the same text and hint the health check gives, and a run that stored its objects proves the connection
/// (SUCCESS). Exports call this (Exports → Integrations, the direction that already exists); nothing here knows exports.
/// </summary>
public sealed class IntegrationConnectionStatus(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalAuditLog audit,
    TimeProvider clock,
    ILogger<IntegrationConnectionStatus> logger)
{
    /// <summary>The actor of the status changes exports cause, in the audit log.</summary>
    public const string ExportActor = "system:export";

    public async Task RecordAsync(Guid integrationId, ConnectionTestResult result, string what, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var integration = await db.StorageIntegrations.SingleOrDefaultAsync(i => i.Id == integrationId, ct);
        if (integration is null)
        {
            return;
        }

        var before = integration.LastTestStatus;
        integration.RecordTest(result, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        if (before == result.Status)
        {
            return;
        }

        logger.LogInformation("Integration {IntegrationName}: status set by {What} ({Success})", integration.Name, what, result.Success);
        await audit.WriteAsync(new PortalAuditEntry("IntegrationStatusChanged", "Storage integration status changed", "test", "integrations",
            ExportActor, result.Success, AuditTargetType.Repository, integration.Name, Details: what, OldValue: before, NewValue: result.Status), ct);
    }
}
