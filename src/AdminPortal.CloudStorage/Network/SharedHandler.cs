namespace AdminPortal.CloudStorage.Network;

/// <summary>Lends the factory's handler to a client that disposes its handlers (Google's, Azure's), without it being disposed.</summary>
internal sealed class SharedHandler(HttpMessageHandler inner) : HttpMessageHandler
{
    private readonly HttpMessageInvoker invoker = new(inner, disposeHandler: false);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        invoker.SendAsync(request, cancellationToken);
}
