using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.CloudStorage.Uploads;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AdminPortal.CloudStorage.AzureBlob;

/// <summary>
/// Azure Blob Storage through its REST API on Azure.Core's pipeline (retries, auth policies): Put Block for each part,
/// then Put Block List. Until the list is committed the blocks are invisible, so a failed upload leaves no blob.
/// </summary>
internal sealed class AzureBlobStorage(HttpPipeline pipeline, AzureBlobDestination destination, TimeProvider clock)
    : CloudStorageBase(destination.Prefix, clock)
{
    // Azurite accepts versions up to 2026-06-06; this one is served by Azure and by Azurite 3.37.
    internal const string ApiVersion = "2025-11-05";

    private readonly string sas = destination.Auth is AzureSasAuth s ? s.SasToken.TrimStart('?') : "";

    public override async Task<UploadResult> UploadAsync(string key, Stream content, UploadOptions options, CancellationToken cancellationToken)
    {
        var name = ObjectName(key);
        using var reader = new PartReader(content, PartSize(options));
        var part = await reader.ReadPartAsync(cancellationToken);
        if (part.IsLast)
        {
            using var put = Create(RequestMethod.Put, name);
            put.Request.Headers.Add("x-ms-blob-type", "BlockBlob");
            put.Request.Headers.Add("x-ms-blob-content-type", options.ContentType);
            put.Request.Headers.Add("Content-MD5", part.Md5Base64());
            put.Request.Content = RequestContent.Create(part.Data.AsMemory());
            await SendAsync(put, cancellationToken);
            options.Progress?.Report(reader.BytesRead);
            return Result(key, name, reader.BytesRead, reader.Sha256Hex(), put.Response, 1);
        }

        var staged = await StagePartsAsync(key, name, reader, part, options, cancellationToken);
        return await staged.CommitOrAbortAsync(cancellationToken);
    }

    /// <summary>Always blocks (one is enough for small content), committed by Put Block List when the caller commits.</summary>
    protected override async Task<StagedUpload> StagePartsAsync(string key, string name, PartReader reader, UploadPart part, UploadOptions options,
        CancellationToken cancellationToken)
    {
        // Block ids must all have the same length; a per-upload nonce keeps them apart from blocks a failed attempt left.
        var nonce = Guid.NewGuid().ToString("N");
        var blocks = new List<string>();
        while (true)
        {
            var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{nonce}-{part.Number:D6}"));
            using (var block = Create(RequestMethod.Put, name, $"comp=block&blockid={Uri.EscapeDataString(blockId)}"))
            {
                block.Request.Headers.Add("Content-MD5", part.Md5Base64());
                block.Request.Content = RequestContent.Create(part.Data.AsMemory());
                await SendAsync(block, cancellationToken);
            }

            blocks.Add(blockId);
            options.Progress?.Report(reader.BytesRead);
            if (part.IsLast)
            {
                break;
            }

            part = await reader.ReadPartAsync(cancellationToken);
        }

        var (bytes, sha256) = (reader.BytesRead, reader.Sha256Hex());
        // Uncommitted blocks are invisible and Azure discards them after a week: aborting has nothing to send.
        return new StagedUpload(key, name, bytes, sha256, blocks.Count, async ct =>
        {
            var list = new XElement("BlockList", blocks.Select(id => new XElement("Latest", id)));
            var body = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + list.ToString(SaveOptions.DisableFormatting));
            using var commit = Create(RequestMethod.Put, name, "comp=blocklist");
            commit.Request.Headers.Add("x-ms-blob-content-type", options.ContentType);
            commit.Request.Headers.Add("Content-MD5", Convert.ToBase64String(MD5.HashData(body)));
            commit.Request.Headers.Add("Content-Type", "application/xml");
            commit.Request.Content = RequestContent.Create(body);
            await SendAsync(commit, ct);
            return Result(key, name, bytes, sha256, commit.Response, blocks.Count);
        }, () => Task.CompletedTask);
    }

    public override IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Paged(async (marker, ct) =>
        {
            var query = $"restype=container&comp=list&prefix={Uri.EscapeDataString(Prefix + prefix)}"
                + (marker is null ? "" : $"&marker={Uri.EscapeDataString(marker)}");
            using var list = Create(RequestMethod.Get, null, query);
            await SendAsync(list, ct);
            var xml = XDocument.Load(list.Response.ContentStream!);
            var items = xml.Descendants("Blob").Select(blob =>
            {
                var name = (string)blob.Element("Name")!;
                var properties = blob.Element("Properties");
                var modified = (string?)properties?.Element("Last-Modified");
                return new StoredObject(KeyOf(name), name, (long?)properties?.Element("Content-Length") ?? 0,
                    modified is null ? null : DateTimeOffset.Parse(modified, CultureInfo.InvariantCulture),
                    (string?)properties?.Element("Etag"));
            }).ToList();
            return (items, (string?)xml.Root?.Element("NextMarker"));
        }, cancellationToken);

    public override async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        using var delete = Create(RequestMethod.Delete, ObjectName(key));
        delete.Request.Headers.Add("x-ms-delete-snapshots", "include");
        await SendAsync(delete, cancellationToken, allowNotFound: true);
    }

    public override async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        using var get = Create(RequestMethod.Get, ObjectName(key));
        get.BufferResponse = false;
        await SendAsync(get, cancellationToken);
        return get.ExtractResponseContent() ?? Stream.Null;
    }

    /// <summary>Creates the container; an existing one is fine. The portal writes into customers' containers, so only tests and set-up scripts need this.</summary>
    internal async Task CreateContainerAsync(CancellationToken cancellationToken)
    {
        using var create = Create(RequestMethod.Put, null, "restype=container");
        await pipeline.SendAsync(create, cancellationToken);
        if (create.Response.Status is not (201 or 409))
        {
            throw await ErrorAsync(create.Response, cancellationToken);
        }
    }

    private HttpMessage Create(RequestMethod method, string? blobName, string? query = null)
    {
        var message = pipeline.CreateMessage();
        var url = new StringBuilder(destination.ServiceUri.AbsoluteUri.TrimEnd('/'))
            .Append('/').Append(Uri.EscapeDataString(destination.Container));
        if (blobName is not null)
        {
            // Escape each segment but keep '/' so virtual folders stay folders; spaces and '+' must be escaped.
            url.Append('/').Append(string.Join('/', blobName.Split('/').Select(Uri.EscapeDataString)));
        }

        var parameters = string.Join('&', new[] { query, sas }.Where(p => !string.IsNullOrEmpty(p)));
        if (parameters.Length > 0)
        {
            url.Append('?').Append(parameters);
        }

        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(url.ToString()));
        message.Request.Headers.Add("x-ms-version", ApiVersion);
        return message;
    }

    private async Task SendAsync(HttpMessage message, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status < 400 || (allowNotFound && response.Status == 404))
        {
            return;
        }

        throw await ErrorAsync(response, cancellationToken);
    }

    /// <summary>The cloud's error code and message, from the XML body, or the x-ms-error-code header when there is no body.</summary>
    private static async Task<CloudStorageException> ErrorAsync(Response response, CancellationToken cancellationToken)
    {
        string? code = response.Headers.TryGetValue("x-ms-error-code", out var header) ? header : null;
        string? text = null;
        if (response.ContentStream is { } stream)
        {
            var body = await ErrorText.ReadBoundedAsync(stream, cancellationToken);
            try
            {
                var error = XDocument.Parse(body).Root;
                code = (string?)error?.Element("Code") ?? code;
                text = ((string?)error?.Element("Message"))?.Split('\n')[0].Trim();
            }
            catch (System.Xml.XmlException)
            {
                // Not Azure's XML error (a proxy's or an internal service's page): its body is never echoed.
                text = body.Length > 0 ? $"HTTP {response.Status} {response.ReasonPhrase}. {ErrorText.NotACloudError}" : null;
            }
        }

        return new CloudStorageException(CloudStorageException.Describe(code, text ?? response.ReasonPhrase), code, (HttpStatusCode)response.Status);
    }

    private static UploadResult Result(string key, string name, long bytes, string sha256, Response response, int parts) =>
        new(key, name, bytes, sha256,
            response.Headers.TryGetValue("ETag", out var etag) ? etag : null,
            response.Headers.TryGetValue("x-ms-version-id", out var version) ? version : null,
            parts);
}
