using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Security.Secrets;

/// <summary>The master key that encrypts stored secrets (cloud credentials), and the keys it replaced.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Secrets";

    /// <summary>Base64 of 32 random bytes (`openssl rand -base64 32`); best from the environment (Secrets__MasterKey). Empty: use <see cref="KeyFile"/>.</summary>
    public string? MasterKey { get; set; }

    /// <summary>A name for <see cref="MasterKey"/> stored next to each secret; empty: a fingerprint of the key.</summary>
    public string? MasterKeyId { get; set; }

    /// <summary>
    /// Key file used when no MasterKey is set, created on first start; a relative path is taken from the database file's
    /// folder. Empty: <see cref="DefaultKeyFile"/> beside the data folder, so that a copy of the data folder alone decrypts
    /// nothing (an install that already has data/keys/secrets.key keeps using it, with a warning).
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>The key file's place relative to the data folder's parent folder when <see cref="KeyFile"/> is empty.</summary>
    public const string DefaultKeyFile = "keys/secrets.key";

    /// <summary>Keys still accepted for decryption while `--rotate-secrets` re-encrypts what they protect.</summary>
    public List<PreviousSecretKey> PreviousKeys { get; set; } = [];
}

/// <summary>A retired master key: decrypts, never encrypts.</summary>
public sealed class PreviousSecretKey
{
    /// <summary>The id its secrets carry; empty: the key's fingerprint (right for keys that were not named).</summary>
    public string? Id { get; set; }

    public string Key { get; set; } = "";
}

/// <summary>Checks the Secrets section at start, with messages that say how to fix it and never repeat a key.</summary>
public sealed partial class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public const int KeyBytes = 32;

    private const string Generate = "Generate one with `openssl rand -base64 32`.";

    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        var errors = Errors(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public static IReadOnlyList<string> Errors(SecretsOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.MasterKey) && !TryDecodeKey(options.MasterKey, out _, out var keyError))
        {
            errors.Add($"Secrets:MasterKey {keyError} {Generate}");
        }
        if (!string.IsNullOrWhiteSpace(options.MasterKeyId))
        {
            if (string.IsNullOrWhiteSpace(options.MasterKey))
            {
                errors.Add("Secrets:MasterKeyId names Secrets:MasterKey: set both or neither (the key file's key is named by its fingerprint).");
            }
            if (!IsValidKeyId(options.MasterKeyId))
            {
                errors.Add($"Secrets:MasterKeyId {KeyIdRule}");
            }
        }
        for (var i = 0; i < options.PreviousKeys.Count; i++)
        {
            var previous = options.PreviousKeys[i];
            if (string.IsNullOrWhiteSpace(previous.Key))
            {
                errors.Add($"Secrets:PreviousKeys:{i}:Key is empty: copy the retired key there, or remove the entry.");
            }
            else if (!TryDecodeKey(previous.Key, out _, out var previousError))
            {
                errors.Add($"Secrets:PreviousKeys:{i}:Key {previousError}");
            }
            if (!string.IsNullOrWhiteSpace(previous.Id) && !IsValidKeyId(previous.Id))
            {
                errors.Add($"Secrets:PreviousKeys:{i}:Id {KeyIdRule}");
            }
        }
        return errors;
    }

    /// <summary>Decodes a base64 AES-256 key; the error completes a sentence that starts with the setting's name.</summary>
    internal static bool TryDecodeKey(string base64, out byte[] key, out string error)
    {
        key = [];
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            // The value itself is not repeated: a near-miss key is still most of a key.
            error = "is not base64.";
            return false;
        }
        if (bytes.Length != KeyBytes)
        {
            error = $"must be {KeyBytes} bytes (AES-256) but decodes to {bytes.Length}.";
            return false;
        }
        key = bytes;
        error = "";
        return true;
    }

    internal const string KeyIdRule = "may hold only letters, digits, '-' and '_', 1 to 32 of them (it is stored in front of every secret).";

    internal static bool IsValidKeyId(string id) => KeyIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex KeyIdPattern();
}
