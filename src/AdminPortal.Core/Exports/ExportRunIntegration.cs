using AdminPortal.CloudStorage;
using AdminPortal.Core.Integrations;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// Everything a run asks of its storage integration, in one place (Exports → Integrations): open its storage, and
/// record what the run proved about its connection.
/// </summary>
public sealed class ExportRunIntegration(
    IExportDestinations destinations,
    IntegrationConnectionStatus connectionStatus,
    ILogger<ExportRunIntegration> logger)
{
    /// <summary>The integration's storage (decrypting its secret), or why it cannot be opened.</summary>
    public Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct) => destinations.OpenAsync(integrationId, ct);

    /// <summary>
    /// What the run proved about the integration's connection, recorded on it as a connection test would be: a refusal
    /// of the cloud's kind (credentials, missing bucket or container, permission) is its status, with the hint; a run
    /// that stored its manifest proves the connection. Throttling, outages and the portal's own errors say nothing of it.
    /// </summary>
    public async Task RecordConnectionAsync(ScheduledExport schedule, ExportRun run, ConnectionTestResult? result)
    {
        if (result is null)
        {
            return;
        }

        try
        {
            await connectionStatus.RecordAsync(schedule.IntegrationId, result, $"export \"{schedule.Name}\" run {run.RunToken}", CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recording the connection status export run {RunId} found failed", run.Id);
        }
    }
}
