using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.CloudStorage.Uploads;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.Logging;

namespace AdminPortal.CloudStorage.Gcs;

/// <summary>
/// Google Cloud Storage through its JSON API: a resumable session per upload, one PUT per part (Content-Range with
/// the total on the last one); the object appears only when the last part lands, and a failed session is cancelled.
/// Staging sends every part but the last and keeps the session open with that part in a temporary file: committing
/// sends it with the total, aborting cancels the session, and until then nothing is visible.
/// </summary>
internal sealed class GcsCloudStorage(HttpClient http, GcsDestination destination, ITokenAccess? tokens, ILogger<GcsCloudStorage> logger, TimeProvider clock)
    : CloudStorageBase(destination.Prefix, clock)
{
    // Resumable chunks other than the last must be multiples of 256 KiB.
    private const int ChunkGranularity = 256 * 1024;
    private const int PermanentRedirect = 308;

    private string Api => $"{destination.ServiceUri.AbsoluteUri.TrimEnd('/')}/storage/v1/b/{Uri.EscapeDataString(destination.Bucket)}/o";

    protected override int PartGranularity => ChunkGranularity;

    public override async Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        var name = ObjectName(key);
        using var reader = new PartReader(content, PartSize(options));
        var part = await reader.ReadPartAsync(cancellationToken);
        var session = await StartSessionAsync(name, options.ContentType, cancellationToken);
        try
        {
            // The whole last part goes with the total: content of one part is one plain PUT.
            var last = await SendAllButLastAsync(session, reader, part, options, cancellationToken);
            var result = await FinishAsync(key, name, session, last, reader.BytesRead, reader.Md5Base64(), reader.Sha256Hex(), reader.PartCount,
                cancellationToken);
            options.Progress?.Report(result.Bytes);
            return result;
        }
        catch (Exception ex) when (ex is not CloudStorageException { ErrorCode: "md5Mismatch" })
        {
            await CancelSessionQuietlyAsync(session);
            throw;
        }
    }

    /// <summary>
    /// Sends every part but the last; the session stays open and the last part waits in a temporary file. Committing
    /// sends it with the total (a single-part object is then one plain PUT, as the emulator needs); aborting cancels.
    /// </summary>
    protected override async Task<StagedUpload> StagePartsAsync(string key, string name, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken)
    {
        var session = await StartSessionAsync(name, options.ContentType, cancellationToken);
        HeldPart held;
        try
        {
            held = await HeldPart.KeepAsync(await SendAllButLastAsync(session, reader, part, options, cancellationToken), cancellationToken);
        }
        catch (Exception)
        {
            await CancelSessionQuietlyAsync(session);
            throw;
        }

        var (bytes, md5, sha256, parts) = (reader.BytesRead, reader.Md5Base64(), reader.Sha256Hex(), reader.PartCount);
        return new StagedUpload(key, name, bytes, sha256, parts,
            async ct =>
            {
                var result = await held.SendAsync(last => FinishAsync(key, name, session, last, bytes, md5, sha256, parts, ct), ct);
                held.Dispose();
                return result;
            },
            async () =>
            {
                held.Dispose();
                await CancelSessionQuietlyAsync(session);
            });
    }

    /// <summary>Sends the parts before the last one (each a whole number of 256 KiB chunks) and returns the last.</summary>
    private async Task<UploadPart> SendAllButLastAsync(Uri session, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken)
    {
        while (!part.IsLast)
        {
            await PutChunkAsync(session, part, cancellationToken);
            options.Progress?.Report(reader.BytesRead);
            part = await reader.ReadPartAsync(cancellationToken);
        }

        return part;
    }

    /// <summary>Sends the last bytes with the total and checks the MD5 GCS computed; a mismatch deletes the object.</summary>
    private async Task<UploadResult> FinishAsync(string key, string name, Uri session, UploadPart last, long total, string md5, string sha256,
        int parts, CancellationToken cancellationToken)
    {
        var stored = await PutLastChunkAsync(session, last, total, md5, cancellationToken);
        // The emulator and GCS both report the MD5 they computed; a mismatch means the bytes changed on the way.
        if (stored["md5Hash"]?.GetValue<string>() is { } storedMd5 && storedMd5 != md5)
        {
            await DeleteAsync(key, CancellationToken.None);
            throw new CloudStorageException($"The stored object's MD5 {storedMd5} differs from the uploaded content's {md5}.", "md5Mismatch", null);
        }

        return new UploadResult(key, name, total, sha256, stored["etag"]?.GetValue<string>(), stored["generation"]?.GetValue<string>(), parts);
    }

    public override IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Paged(async (pageToken, ct) =>
        {
            var url = $"{Api}?prefix={Uri.EscapeDataString(Prefix + prefix)}" + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}");
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url), ct);
            var page = await response.Content.ReadFromJsonAsync<JsonObject>(ct) ?? [];
            var items = (page["items"]?.AsArray() ?? []).Select(item =>
            {
                var name = item!["name"]!.GetValue<string>();
                var updated = item["updated"]?.GetValue<string>();
                return new StoredObject(KeyOf(name), name, long.Parse(item["size"]?.GetValue<string>() ?? "0", CultureInfo.InvariantCulture),
                    updated is null ? null : DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture), item["etag"]?.GetValue<string>());
            }).ToList();
            return (items, page["nextPageToken"]?.GetValue<string>());
        }, cancellationToken);

    public override async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Delete, $"{Api}/{Uri.EscapeDataString(ObjectName(key))}"),
            cancellationToken, allowNotFound: true);
    }

    public override async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{Api}/{Uri.EscapeDataString(ObjectName(key))}?alt=media"),
            cancellationToken, completion: HttpCompletionOption.ResponseHeadersRead);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private async Task<Uri> StartSessionAsync(string name, string contentType, CancellationToken cancellationToken)
    {
        var url = $"{destination.ServiceUri.AbsoluteUri.TrimEnd('/')}/upload/storage/v1/b/{Uri.EscapeDataString(destination.Bucket)}/o"
            + $"?uploadType=resumable&name={Uri.EscapeDataString(name)}";
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { name, contentType }) };
            request.Headers.Add("X-Upload-Content-Type", contentType);
            return request;
        }, cancellationToken);
        return response.Headers.Location ?? throw new CloudStorageException("GCS did not return a resumable session URI.", null, response.StatusCode);
    }

    /// <summary>Sends a middle chunk; GCS answers 308 with the bytes it holds, and any tail it did not keep is sent again.</summary>
    private async Task PutChunkAsync(Uri session, UploadPart part, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (sent < part.Length)
        {
            var from = part.Offset + sent;
            var to = part.Offset + part.Length - 1;
            using var response = await SendAsync(() => Chunk(session, part, sent, $"bytes {from}-{to}/*", null), cancellationToken);
            if ((int)response.StatusCode != PermanentRedirect)
            {
                throw new CloudStorageException($"GCS finished the upload early (HTTP {(int)response.StatusCode}) before the last part.", "uploadFinalizedEarly", response.StatusCode);
            }

            var persisted = PersistedBytes(response);
            sent = (int)Math.Max(sent, persisted - part.Offset);
        }
    }

    private async Task<JsonObject> PutLastChunkAsync(Uri session, UploadPart part, long total, string md5, CancellationToken cancellationToken)
    {
        var range = part.Length == 0 ? $"bytes */{total}" : $"bytes {part.Offset}-{total - 1}/{total}";
        // Content sent in one request carries no Content-Range: a plain PUT of the whole body (all the emulator supports).
        using var response = await SendAsync(() => Chunk(session, part, 0, part.Offset == 0 ? null : range, md5), cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken) ?? [];
    }

    private static HttpRequestMessage Chunk(Uri session, UploadPart part, int skip, string? contentRange, string? md5)
    {
        var content = new ByteArrayContent(part.Data.Array!, part.Data.Offset + skip, part.Length - skip);
        if (contentRange is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        }

        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = content };
        if (md5 is not null)
        {
            // GCS checks the whole object's MD5 when the last chunk lands and refuses the upload on a mismatch.
            request.Headers.TryAddWithoutValidation("X-Goog-Hash", $"md5={md5}");
        }

        return request;
    }

    /// <summary>The Range header of a 308 ("bytes=0-N") says how many bytes GCS holds; no header means none.</summary>
    private static long PersistedBytes(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Range", out var values) && values.FirstOrDefault() is { } range && range.LastIndexOf('-') is var dash and > 0
            ? long.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture) + 1
            : 0;

    private async Task CancelSessionQuietlyAsync(Uri session)
    {
        try
        {
            // GCS answers 499 to a cancelled session.
            using var request = new HttpRequestMessage(HttpMethod.Delete, session);
            await AuthorizeAsync(request, CancellationToken.None);
            using var response = await http.SendAsync(request, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not cancel the resumable upload session for bucket {Bucket}; GCS expires it within a week", destination.Bucket);
        }
    }

    /// <summary>Sends a request built fresh for each attempt (auth token included) and turns an error answer into the cloud's own text.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken, bool allowNotFound = false,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = build();
        await AuthorizeAsync(request, cancellationToken);
        var response = await http.SendAsync(request, completion, cancellationToken);
        if (response.IsSuccessStatusCode || (int)response.StatusCode == PermanentRedirect || (allowNotFound && response.StatusCode == HttpStatusCode.NotFound))
        {
            return response;
        }

        using (response)
        {
            throw await ErrorAsync(response, cancellationToken);
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (tokens is not null)
        {
            var token = await tokens.GetAccessTokenForRequestAsync(request.RequestUri?.AbsoluteUri, cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>GCS errors are JSON: {"error": {"code": 404, "message": "...", "errors": [{"reason": "notFound"}]}}.</summary>
    private static async Task<CloudStorageException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ErrorText.ReadBoundedAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken);
        string? reason = null;
        // Plain text (the emulator's) is kept, clipped to its first line; a page of markup never is.
        string? message = body.Length > 0 ? body : response.ReasonPhrase;
        try
        {
            if (JsonNode.Parse(body)?["error"] is JsonObject error)
            {
                reason = error["errors"]?.AsArray().FirstOrDefault()?["reason"]?.GetValue<string>() ?? error["status"]?.GetValue<string>();
                message = error["message"]?.GetValue<string>() ?? message;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, the emulator's plain text): Describe keeps a line of text, never markup.
        }

        var code = reason ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return new CloudStorageException(CloudStorageException.Describe(code, message), code, response.StatusCode);
    }
}
