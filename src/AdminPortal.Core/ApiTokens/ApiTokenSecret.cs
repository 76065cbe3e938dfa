using System.Security.Cryptography;
using System.Text;

namespace AdminPortal.Core.ApiTokens;

/// <summary>
/// The token format, <c>apt_</c> + 43 base64url characters (256 random bits), and its stored SHA-256. A plain hash is
/// enough: 256 random bits cannot be guessed from it, unlike a password.
/// </summary>
public static class ApiTokenSecret
{
    public const string TokenPrefix = "apt_";

    /// <summary>How much of a token is kept in clear to tell tokens apart: the format's prefix and six characters.</summary>
    public const int ShownLength = 10;

    public static string New() => TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when the text could be a token at all (so that garbage is refused without a database read).</summary>
    public static bool IsWellFormed(string? presented) =>
        !string.IsNullOrEmpty(presented) && presented.StartsWith(TokenPrefix, StringComparison.Ordinal) && presented.Length <= 100;

    public static string PrefixOf(string token) => token[..ShownLength];

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
