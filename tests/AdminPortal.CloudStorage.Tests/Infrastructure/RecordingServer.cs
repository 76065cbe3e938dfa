using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>
/// A loopback listener that records every request (method, path and query, headers, body) and answers as told:
/// the stand-in for a host that must receive nothing, or an internal service answering a page.
/// </summary>
public sealed class RecordingServer(int status = 404, string body = "", string contentType = "text/plain", string? location = null) : LoopbackHttpServer
{
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Everything every request carried, as one text: a secret found in it reached this host.</summary>
    public string Everything => string.Join("\n", Requests.Select(r => $"{r.Method} {r.PathAndQuery}\n{r.Headers}\n{r.Body}"));

    protected override async Task HandleAsync(HttpListenerRequest request, byte[] requestBody, HttpListenerResponse response)
    {
        var headers = string.Join("\n", request.Headers.AllKeys.Select(k => $"{k}: {request.Headers[k]}"));
        Requests.Enqueue(new RecordedRequest(request.HttpMethod, request.Url!.PathAndQuery, headers, Encoding.UTF8.GetString(requestBody),
            request.Headers["Authorization"]));
        response.StatusCode = status;
        response.ContentType = contentType;
        if (location is not null)
        {
            response.Headers["Location"] = location;
        }

        await response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
    }
}

public sealed record RecordedRequest(string Method, string PathAndQuery, string Headers, string Body, string? Authorization);
