using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdminPortal.Tests.Api;

/// <summary>Reading the API's answers as a client does: camelCase JSON with enum names, problems as application/problem+json.</summary>
public static class ApiCalls
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(path, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(path, body, Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string body) =>
        client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

    /// <summary>The answer's JSON after checking its status (the body is in the failure message).</summary>
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A problem details answer of that status: application/problem+json, no stack trace.</summary>
    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var problem = await response.JsonAsync(expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", problem.GetRawText());
        return problem;
    }

    /// <summary>The messages of a 400's <c>errors</c> under a JSON path.</summary>
    public static string[] Errors(this JsonElement problem, string path) =>
        problem.GetProperty("errors").TryGetProperty(path, out var messages)
            ? messages.EnumerateArray().Select(m => m.GetString()!).ToArray()
            : throw new Xunit.Sdk.XunitException($"No errors for '{path}' in {problem.GetRawText()}");
}
