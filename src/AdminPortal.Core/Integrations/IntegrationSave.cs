using AdminPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Integrations;

/// <summary>The one save of a use case that changes an integration together with what depends on it.</summary>
internal static class IntegrationSave
{
    /// <summary>
    /// Saves <paramref name="db"/> in one transaction; when the database refuses, nothing was changed and the answer is
    /// the message the page shows (with an id the log has), else null.
    /// </summary>
    public static async Task<string?> SaveOnceAsync(PortalDbContext db, ILogger logger, string what, string integrationName, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e)
        {
            var errorId = Guid.NewGuid().ToString("N")[..8];
            logger.LogError(e, "Integration {IntegrationName} could not be {What}; nothing was changed (error {ErrorId})", integrationName, what, errorId);
            return $"The integration could not be {what}, and nothing was changed; the portal's log has error {errorId}.";
        }
    }
}
