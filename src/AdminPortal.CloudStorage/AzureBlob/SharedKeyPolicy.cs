using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>
/// Signs each request (per retry, so x-ms-date is fresh) with the account key, as Azure.Storage.Blobs would: that
/// package does not restore here. https://learn.microsoft.com/rest/api/storageservices/authorize-with-shared-key
/// </summary>
internal sealed class SharedKeyPolicy(string accountName, string accountKey, TimeProvider clock) : HttpPipelineSynchronousPolicy
{
    private readonly byte[] key = Convert.FromBase64String(accountKey);

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        request.Headers.SetValue("x-ms-date", clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(StringToSign(request))));
        request.Headers.SetValue("Authorization", $"SharedKey {accountName}:{signature}");
    }

    internal string StringToSign(Request request)
    {
        string Header(string name) => request.Headers.TryGetValue(name, out var value) ? value : "";

        // Content-Length is signed empty when zero (versions 2015-02-21 and later).
        var length = request.Content is not null && request.Content.TryComputeLength(out var bytes) && bytes > 0
            ? bytes.ToString(CultureInfo.InvariantCulture)
            : "";
        var text = new StringBuilder()
            .Append(request.Method.Method.ToUpperInvariant()).Append('\n')
            .Append(Header("Content-Encoding")).Append('\n')
            .Append(Header("Content-Language")).Append('\n')
            .Append(length).Append('\n')
            .Append(Header("Content-MD5")).Append('\n')
            .Append(Header("Content-Type")).Append('\n')
            .Append('\n') // Date: x-ms-date is signed instead
            .Append(Header("If-Modified-Since")).Append('\n')
            .Append(Header("If-Match")).Append('\n')
            .Append(Header("If-None-Match")).Append('\n')
            .Append(Header("If-Unmodified-Since")).Append('\n')
            .Append(Header("Range")).Append('\n');

        foreach (var header in request.Headers
                     .Where(h => h.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Name.ToLowerInvariant(), Value: h.Value.Trim()))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            text.Append(header.Name).Append(':').Append(header.Value).Append('\n');
        }

        // The canonical resource repeats the account even when the path already starts with it (Azurite's path-style URLs).
        var uri = request.Uri.ToUri();
        text.Append('/').Append(accountName).Append(uri.AbsolutePath.Length > 0 ? uri.AbsolutePath : "/");
        foreach (var (name, value) in QueryParameters(uri.Query).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append(':').Append(value);
        }

        return text.ToString();
    }

    private static IEnumerable<(string Name, string Value)> QueryParameters(string query) =>
        query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Name: Uri.UnescapeDataString(pair[0]).ToLowerInvariant(), Value: pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : ""))
            .GroupBy(p => p.Name)
            .Select(g => (g.Key, string.Join(",", g.Select(p => p.Value).Order(StringComparer.Ordinal))));
}
