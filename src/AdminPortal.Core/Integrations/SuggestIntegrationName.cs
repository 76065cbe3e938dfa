using System.Security.Claims;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>The name the Add form proposes: the first free "&lt;cloud&gt;_audit_logs_N".</summary>
public sealed class SuggestIntegrationName(IDbContextFactory<PortalDbContext> dbFactory, UserSessions sessions)
{
    public async Task<string> HandleAsync(ClaimsPrincipal actor, IntegrationCloud cloud, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FreeNameAsync(db, cloud, ct);
    }

    internal static async Task<string> FreeNameAsync(PortalDbContext db, IntegrationCloud cloud, CancellationToken ct)
    {
        var stem = cloud switch { IntegrationCloud.Aws => "s3", IntegrationCloud.Azure => "azure", _ => "gcs" } + "_audit_logs_";
        var taken = (await db.StorageIntegrations.Where(i => i.Name.StartsWith(stem)).Select(i => i.Name).ToListAsync(ct)).ToHashSet();
        var n = 1;
        while (taken.Contains(stem + n))
        {
            n++;
        }

        return stem + n;
    }
}
