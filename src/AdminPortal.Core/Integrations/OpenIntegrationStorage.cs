using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>Opens an integration's storage for the features that write to it (export runs), or says why it cannot.</summary>
public sealed class OpenIntegrationStorage(IDbContextFactory<PortalDbContext> dbFactory, IntegrationConnector connector)
{
    public async Task<IntegrationStorage> OpenAsync(Guid integrationId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == integrationId, ct);
        if (i is null)
        {
            return new(null, null, "The storage integration of this export no longer exists.");
        }

        var (storage, problem) = await connector.OpenAsync(i, ct);
        return new(storage, i, problem);
    }
}
