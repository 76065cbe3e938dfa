namespace AdminPortal.Cli.Tests.Infrastructure;

/// <summary>Stands in for the portal in the in-process tests: answers each request without any network.</summary>
public sealed class AnsweringHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = answer(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
