using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AdminPortal.Cli.Configuration;

namespace AdminPortal.Cli.Api;

/// <summary>The portal's /api/ over HTTP with the bearer token; error answers become exceptions carrying the problem details.</summary>
public sealed class PortalClient(HttpClient http) : IDisposable
{
    public static PortalClient Create(PortalConnection connection, HttpMessageHandler? handler = null)
    {
        var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.BaseAddress = connection.Url;
        client.Timeout = TimeSpan.FromSeconds(60);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", connection.Token);
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("adminportal-cli", "1.0"));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new PortalClient(client);
    }

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> answer, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);
        return await ReadAsync(response, answer, ct);
    }

    public async Task<TAnswer> PostAsync<TBody, TAnswer>(string path, TBody body, JsonTypeInfo<TBody> bodyType, JsonTypeInfo<TAnswer> answer, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, bodyType) }, ct);
        return await ReadAsync(response, answer, ct);
    }

    public async Task PostAsync<TBody>(string path, TBody body, JsonTypeInfo<TBody> bodyType, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, bodyType) }, ct);
    }

    public async Task<TAnswer> PostAsync<TAnswer>(string path, JsonTypeInfo<TAnswer> answer, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path), ct);
        return await ReadAsync(response, answer, ct);
    }

    public async Task PostAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, path), ct);
    }

    public async Task DeleteAsync(string path, CancellationToken ct)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), ct);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new PortalUnreachableException(http.BaseAddress!, e.Message);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PortalUnreachableException(http.BaseAddress!, $"no answer within {http.Timeout.TotalSeconds:0} seconds.");
        }
        finally
        {
            request.Dispose();
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw new PortalRefusedException((int)response.StatusCode, await ProblemAsync(response, ct));
        }
    }

    private async Task<ProblemDetails> ProblemAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            if (text.Length > 0 && JsonSerializer.Deserialize(text, CliJsonContext.Default.ProblemDetails) is { Title: not null } problem)
            {
                return problem;
            }
        }
        catch (JsonException)
        {
        }

        // Not the portal's problem details (a proxy's page, another server): never echo the body.
        return new ProblemDetails(null, $"The server answered {status} {response.ReasonPhrase}.", status,
            $"The answer is not the portal's problem details: is {http.BaseAddress} the portal's address?", null);
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> answer, CancellationToken ct)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(answer, ct)
                ?? throw new JsonException("empty answer");
        }
        catch (JsonException)
        {
            throw new PortalRefusedException((int)response.StatusCode, new ProblemDetails(null,
                $"The answer to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} is not what the CLI expects.",
                (int)response.StatusCode, $"Is {http.BaseAddress} an AdminPortal of the same version as this CLI?", null));
        }
    }

    public void Dispose() => http.Dispose();
}
