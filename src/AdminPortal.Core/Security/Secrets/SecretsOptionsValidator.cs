using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Security.Secrets;

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
