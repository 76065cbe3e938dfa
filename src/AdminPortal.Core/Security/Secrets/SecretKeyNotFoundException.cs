namespace AdminPortal.Core.Security.Secrets;

/// <summary>A stored secret carries the id of a master key the portal does not have.</summary>
public sealed class SecretKeyNotFoundException(string keyId, string purpose) : SecretDecryptionException(
    $"The secret for '{purpose}' was encrypted with master key '{keyId}', which the portal does not have. " +
    $"Add that key to Secrets:PreviousKeys (Id '{keyId}', Key its base64) and restart, then run `--rotate-secrets`.")
{
    public string KeyId { get; } = keyId;
}
