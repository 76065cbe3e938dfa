using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>One stored secret: the row it lives in, the purpose it was encrypted for, and its ciphertext.</summary>
public sealed record StoredSecret(string Id, string Purpose, EncryptedSecret Secret);

/// <summary>Somewhere secrets are stored (integration credentials, later the SMTP password); rotation goes through each.</summary>
public interface ISecretStore
{
    /// <summary>Shown in the rotation's output ("storage integrations").</summary>
    string Name { get; }

    IAsyncEnumerable<StoredSecret> ReadAllAsync(CancellationToken ct);

    /// <summary>Replaces the secret only if the row still holds <paramref name="expected"/>; false when it changed meanwhile.</summary>
    Task<bool> ReplaceAsync(StoredSecret expected, EncryptedSecret replacement, CancellationToken ct);
}

/// <summary>A secret rotation could not re-encrypt: the row and why (never the secret).</summary>
public sealed record SecretRotationFailure(string Store, string Id, string Reason);

/// <summary>What `--rotate-secrets` did.</summary>
public sealed record SecretRotationResult(int Examined, int Rotated, int AlreadyCurrent, int ChangedMeanwhile, IReadOnlyList<SecretRotationFailure> Failures)
{
    public bool Succeeded => Failures.Count == 0;

    public override string ToString() =>
        $"{Examined} secrets examined: {Rotated} re-encrypted, {AlreadyCurrent} already current, " +
        $"{ChangedMeanwhile} changed meanwhile (already re-saved), {Failures.Count} failed.";
}

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
