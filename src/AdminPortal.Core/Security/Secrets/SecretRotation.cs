using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>
/// Re-encrypts every secret stored under a previous master key with the current one (the `--rotate-secrets` command).
/// Safe to run again, and while the portal runs: a row edited meanwhile is left as the edit wrote it.
/// </summary>
public sealed class SecretRotation(IEnumerable<ISecretStore> stores, SecretProtector protector, ILogger<SecretRotation> logger)
{
    public async Task<SecretRotationResult> RunAsync(CancellationToken ct = default)
    {
        int examined = 0, rotated = 0, current = 0, changed = 0;
        var failures = new List<SecretRotationFailure>();
        foreach (var store in stores)
        {
            // Collected first, so the store is not written while it is being read (secrets are few).
            var old = new List<StoredSecret>();
            await foreach (var row in store.ReadAllAsync(ct))
            {
                examined++;
                if (protector.NeedsRotation(row.Secret))
                {
                    old.Add(row);
                }
                else
                {
                    current++;
                }
            }

            foreach (var row in old)
            {
                EncryptedSecret replacement;
                try
                {
                    replacement = protector.Reprotect(row.Secret, row.Purpose);
                }
                catch (SecretDecryptionException e)
                {
                    failures.Add(new SecretRotationFailure(store.Name, row.Id, e.Message));
                    logger.LogError("Secret {SecretId} in {Store} could not be re-encrypted: {Reason}", row.Id, store.Name, e.Message);
                    continue;
                }
                if (await store.ReplaceAsync(row, replacement, ct))
                {
                    rotated++;
                }
                else
                {
                    changed++;
                }
            }
        }

        var result = new SecretRotationResult(examined, rotated, current, changed, failures);
        logger.LogInformation("Secret rotation to master key {KeyId}: {Result}", protector.Keys.Current.Id, result.ToString());
        return result;
    }
}
