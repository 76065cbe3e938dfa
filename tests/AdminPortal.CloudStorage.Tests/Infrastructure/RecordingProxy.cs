using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback reverse proxy in front of an emulator: forwards every request as it came and records what the emulator
/// was sent (method, path, headers, the MD5 of the body the portal sent), so a test can prove a header reached the
/// store. <paramref name="alter"/> lets a test flip a bit of a body on the way while its headers stay as sent, as a
/// faulty proxy or NIC would: only an integrity checksum sent with the upload lets the store refuse it.
/// </summary>
public sealed class RecordingProxy(Uri target, Func<HttpListenerRequest, bool>? alter = null) : LoopbackHttpServer
{
    // Set by HttpClient itself, or by the listener's own framing.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Content-Length", "Transfer-Encoding", "Expect", "Proxy-Connection", "Date", "Server",
    };

    private readonly HttpClient forward = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    /// <summary>How many bodies <c>alter</c> changed on the way.</summary>
    public int AlteredCount => altered;

    private int altered;

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response)
    {
        var sentMd5 = Convert.ToBase64String(MD5.HashData(body));
        if (body.Length > 0 && alter?.Invoke(request) == true)
        {
            body[^1] ^= 0x01;
            Interlocked.Increment(ref altered);
        }

        using var outgoing = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(target, request.Url!.PathAndQuery));
        if (request.HttpMethod is "PUT" or "POST" or "PATCH")
        {
            outgoing.Content = new ByteArrayContent(body);
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in request.Headers.AllKeys.OfType<string>())
        {
            var value = request.Headers[name]!;
            headers[name] = value;
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!outgoing.Headers.TryAddWithoutValidation(name, value))
            {
                outgoing.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await forward.SendAsync(outgoing);
        var answerBody = await answer.Content.ReadAsByteArrayAsync();
        Requests.Enqueue(new ProxiedRequest(request.HttpMethod, request.Url.PathAndQuery, headers, body.Length, sentMd5, (int)answer.StatusCode));

        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                response.Headers[name] = string.Join(",", values);
            }
        }

        if (answer.Headers.Location is { IsAbsoluteUri: true } location && location.Authority == target.Authority)
        {
            // A URI naming the peer itself (a GCS upload session): keep the client talking through the proxy.
            response.Headers["Location"] = new Uri(Url, location.PathAndQuery).AbsoluteUri;
        }

        response.ContentLength64 = answerBody.Length;
        if (request.HttpMethod != "HEAD")
        {
            await response.OutputStream.WriteAsync(answerBody);
        }
    }
}
