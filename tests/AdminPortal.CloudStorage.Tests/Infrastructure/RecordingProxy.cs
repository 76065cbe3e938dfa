using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback proxy in front of an emulator: forwards each request as it came (headers, body) and records what it
/// carried, so a test sees the bytes and headers that left the portal. <paramref name="alter"/> lets a test change a
/// body on the way (a flipped bit in transit) while its headers stay as sent.
/// </summary>
public sealed class RecordingProxy(Uri target, Func<HttpListenerRequest, bool>? alter = null) : LoopbackHttpServer
{
    // Headers HttpClient sets itself from the connection and the body.
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Expect", "Keep-Alive",
    };

    private readonly HttpClient client = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false });

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response)
    {
        var sentMd5 = Convert.ToBase64String(MD5.HashData(body));
        if (body.Length > 0 && alter?.Invoke(request) == true)
        {
            body[^1] ^= 0x01;
        }

        Requests.Enqueue(new ProxiedRequest(request.HttpMethod, request.Url!.PathAndQuery, request.Headers["Content-MD5"], sentMd5, body.Length));
        using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod), new Uri(target, request.RawUrl)) { Content = new ByteArrayContent(body) };
        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !HopByHop.Contains(n)))
        {
            var value = request.Headers[name];
            if (!forward.Headers.TryAddWithoutValidation(name, value))
            {
                forward.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var answer = await client.SendAsync(forward);
        response.StatusCode = (int)answer.StatusCode;
        foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            response.Headers[name] = string.Join(",", values);
        }

        var content = await answer.Content.ReadAsByteArrayAsync();
        if (request.HttpMethod != "HEAD")
        {
            response.ContentLength64 = content.Length;
            await response.OutputStream.WriteAsync(content);
        }
    }
}

/// <summary>One request that went through the proxy: its Content-MD5 header and the MD5 of the body the portal sent.</summary>
public sealed record ProxiedRequest(string Method, string PathAndQuery, string? ContentMd5, string BodyMd5, int BodyLength);
