using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>Verifies an AWS Signature Version 4 Authorization header as AWS does: the canonical request, re-signed with the caller's secret.</summary>
internal static partial class SigV4
{
    public static bool IsValid(HttpListenerRequest request, byte[] body, string secretAccessKey, string service)
    {
        var header = Header().Match(request.Headers["Authorization"] ?? "");
        var amzDate = request.Headers["X-Amz-Date"];
        if (!header.Success || amzDate is null)
        {
            return false;
        }

        var (scope, signedHeaders, signature) = (header.Groups["scope"].Value, header.Groups["signed"].Value, header.Groups["signature"].Value);
        var scopeParts = scope.Split('/');
        if (scopeParts is not [var date, var region, var scopeService, "aws4_request"] || scopeService != service || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return false;
        }

        var canonicalHeaders = string.Concat(signedHeaders.Split(';').Select(name =>
            $"{name}:{Spaces().Replace((request.Headers[name] ?? "").Trim(), " ")}\n"));
        var query = string.Join('&', request.QueryString.AllKeys.OfType<string>()
            .Select(k => $"{Uri.EscapeDataString(k)}={Uri.EscapeDataString(request.QueryString[k] ?? "")}").Order(StringComparer.Ordinal));
        var payloadHash = request.Headers["X-Amz-Content-SHA256"] ?? Convert.ToHexStringLower(SHA256.HashData(body));
        var canonicalRequest = string.Join('\n', request.HttpMethod, request.Url!.AbsolutePath, query, canonicalHeaders, signedHeaders, payloadHash);
        var stringToSign = string.Join('\n', "AWS4-HMAC-SHA256", amzDate, scope, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { date, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=[^/]+/(?<scope>[^,]+),\s*SignedHeaders=(?<signed>[^,]+),\s*Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex Header();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
