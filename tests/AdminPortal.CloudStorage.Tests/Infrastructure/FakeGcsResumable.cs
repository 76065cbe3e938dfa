using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback server that follows GCS's documented resumable-upload protocol (308 with a Range header after each
/// chunk, status checks, the object only on the last chunk) and, unlike the emulator, keeps less than a whole chunk
/// once, as GCS may: the client must resend from the Range GCS reports. It records every Content-Range and x-goog-hash.
/// </summary>
public sealed class FakeGcsResumable : LoopbackHttpServer
{
    private readonly MemoryStream received = new();
    private bool shortenedOnce;

    public ConcurrentQueue<string> ContentRanges { get; } = new();

    public string? GoogHash { get; private set; }

    public bool SessionCancelled { get; private set; }

    public byte[]? FinalObject { get; private set; }

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response)
    {
        switch (request.HttpMethod)
        {
            case "POST":
                response.StatusCode = 200;
                response.Headers["Location"] = new Uri(Url, "upload/session-1").AbsoluteUri;
                break;
            case "DELETE":
                SessionCancelled = true;
                response.StatusCode = 499;
                break;
            case "PUT":
                await AcceptChunkAsync(request, response, body);
                break;
        }
    }

    /// <summary>308 with the bytes held, as GCS answers a chunk that is not the last.</summary>
    private void Holding(HttpListenerResponse response)
    {
        response.StatusCode = 308;
        if (received.Length > 0)
        {
            response.Headers["Range"] = $"bytes=0-{received.Length - 1}";
        }
    }

    private async Task AcceptChunkAsync(HttpListenerRequest request, HttpListenerResponse response, byte[] chunk)
    {
        var range = request.Headers["Content-Range"] ?? "";
        ContentRanges.Enqueue(range);
        var total = range.EndsWith("/*", StringComparison.Ordinal) ? (long?)null : long.Parse(range[(range.LastIndexOf('/') + 1)..]);
        if (range.StartsWith("bytes */", StringComparison.Ordinal))
        {
            // A status check: what the session holds, or the object when the total is all there.
            if (total != received.Length)
            {
                Holding(response);
                return;
            }
        }
        else
        {
            var start = long.Parse(range["bytes ".Length..range.IndexOf('-')]);
            if (start != received.Length)
            {
                response.StatusCode = 400;
                return;
            }

            // Keep only half of the second chunk: the client learns it from the Range header and resends the rest.
            var keep = total is null && !shortenedOnce && start > 0 ? chunk.Length / 2 : chunk.Length;
            shortenedOnce |= keep < chunk.Length;
            received.Write(chunk, 0, keep);
            if (total is null)
            {
                Holding(response);
                return;
            }
        }

        if (total != received.Length)
        {
            response.StatusCode = 400; // the total must be what the session holds
            return;
        }

        FinalObject = received.ToArray();
        GoogHash = request.Headers["X-Goog-Hash"];
        var json = JsonSerializer.Serialize(new
        {
            name = "exports/chunked.jsonl",
            size = FinalObject.Length.ToString(),
            md5Hash = Convert.ToBase64String(MD5.HashData(FinalObject)),
            etag = "CKih16GjycICEAE=",
            generation = "1700000000000001",
        });
        response.StatusCode = 200;
        response.ContentType = "application/json";
        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(json));
    }
}
