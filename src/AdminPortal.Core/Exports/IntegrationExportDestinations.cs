using AdminPortal.Core.Integrations;

namespace AdminPortal.Core.Exports;

internal sealed class IntegrationExportDestinations(OpenIntegrationStorage integrations) : IExportDestinations
{
    public async Task<ExportDestination> OpenAsync(Guid integrationId, CancellationToken ct)
    {
        var opened = await integrations.OpenAsync(integrationId, ct);
        return new ExportDestination(opened.Storage, opened.Integration, opened.Problem);
    }
}
