namespace AdminPortal.Core.Security.Secrets;

/// <summary>A retired master key: decrypts, never encrypts.</summary>
public sealed class PreviousSecretKey
{
    /// <summary>The id its secrets carry; empty: the key's fingerprint (right for keys that were not named).</summary>
    public string? Id { get; set; }

    public string Key { get; set; } = "";
}
