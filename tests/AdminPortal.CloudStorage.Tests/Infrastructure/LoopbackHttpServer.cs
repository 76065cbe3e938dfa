using System.Net;
using System.Net.Sockets;

namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>A small HTTP server on a free loopback port, for protocol peers no emulator provides (STS, multi-chunk GCS).</summary>
public abstract class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task loop;

    protected LoopbackHttpServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/");
        }

        listener.Prefixes.Add(Url.AbsoluteUri);
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public void Dispose()
    {
        listener.Close();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
            // The pending GetContext fails when the listener closes.
        }
    }

    /// <summary>Answers one request; the body has been read already.</summary>
    protected abstract Task HandleAsync(HttpListenerRequest request, byte[] body, HttpListenerResponse response);

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            await HandleAsync(context.Request, body.ToArray(), context.Response);
            context.Response.Close();
        }
    }
}
