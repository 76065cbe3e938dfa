using System.Net;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback relay in front of a storage peer that flips one byte of an upload's last request on the way, as a
/// faulty proxy or NIC would: only an integrity checksum sent with the upload lets the store refuse it.
/// </summary>
public sealed class TamperingRelay(Uri target) : LoopbackHttpServer
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Connection", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    /// <summary>True once a last request (Content-Range with its total, or none) was altered.</summary>
    public bool Tampered { get; private set; }

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response)
    {
        var range = request.Headers["Content-Range"];
        if (request.HttpMethod == "PUT" && body.Length > 0 && (range is null || !range.EndsWith("/*", StringComparison.Ordinal)))
        {
            body[body.Length / 2] ^= 0xFF;
            Tampered = true;
        }

        using var forwarded = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(target, request.Url!.PathAndQuery))
        {
            Content = new ByteArrayContent(body),
        };
        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !HopHeaders.Contains(n)))
        {
            var value = request.Headers[name]!;
            if (!forwarded.Headers.TryAddWithoutValidation(name, value))
            {
                forwarded.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await http.SendAsync(forwarded);
        response.StatusCode = (int)answer.StatusCode;
        if (answer.Headers.Location is { } location)
        {
            // The session URI names the peer itself: keep the client talking through the relay.
            response.Headers["Location"] = new Uri(Url, location.PathAndQuery).AbsoluteUri;
        }

        if (answer.Headers.TryGetValues("Range", out var held))
        {
            response.Headers["Range"] = held.First();
        }

        response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await response.OutputStream.WriteAsync(await answer.Content.ReadAsByteArrayAsync());
    }
}
