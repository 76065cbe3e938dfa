using System.Runtime.CompilerServices;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security.Secrets;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>The integrations' secrets, for `--rotate-secrets`.</summary>
internal sealed class IntegrationSecretStore(IDbContextFactory<PortalDbContext> dbFactory) : ISecretStore
{
    public string Name => "storage integrations";

    public async IAsyncEnumerable<StoredSecret> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StorageIntegrations.AsNoTracking().Where(i => i.EncryptedSecret != null)
            .Select(i => new { i.Id, i.AuthMethod, i.EncryptedSecret }).ToListAsync(ct);
        foreach (var row in rows)
        {
            if (StorageIntegration.SecretField(row.AuthMethod) is { } field && EncryptedSecret.TryParse(row.EncryptedSecret, out var secret))
            {
                yield return new StoredSecret(row.Id.ToString("D"), StorageIntegration.SecretPurpose(row.Id, field), secret);
            }
        }
    }

    public async Task<bool> ReplaceAsync(StoredSecret expected, EncryptedSecret replacement, CancellationToken ct)
    {
        var id = Guid.Parse(expected.Id);
        var old = expected.Secret.ToString();
        var updated = replacement.ToString();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Compare-and-swap: an Admin who saved a new secret meanwhile keeps it.
        return await db.StorageIntegrations.Where(i => i.Id == id && i.EncryptedSecret == old)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.EncryptedSecret, updated), ct) == 1;
    }
}
