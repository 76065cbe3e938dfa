using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Api;

/// <summary>The OpenAPI document at /openapi/v1.json and the Scalar reference: every API endpoint, documented as it answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class OpenApiDocumentTests(ApiPortal portal)
{
    private async Task<HttpClient> SignedInAsync()
    {
        var browser = portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(browser, PortalFactory.AdminEmail, PortalFactory.Password)).StatusCode);
        return browser;
    }

    /// <summary>Every mapped endpoint that needs an API token: its methods, its path as OpenAPI writes it, and what it takes.</summary>
    private List<(string Method, string Path, bool TakesInput)> TokenEndpoints() => portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy?.StartsWith("api:", StringComparison.Ordinal) == true))
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
            Method: method.ToLowerInvariant(),
            Path: Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+)(:[^}]*)?\??\}", "{$1}").TrimEnd('/'),
            TakesInput: e.Metadata.GetMetadata<IAcceptsMetadata>() is not null || e.Metadata.OfType<IParameterBindingMetadata>().Any(p =>
                e.RoutePattern.GetParameter(p.Name) is null && IsSimple(Nullable.GetUnderlyingType(p.ParameterInfo.ParameterType) ?? p.ParameterInfo.ParameterType)))))
        .ToList();

    /// <summary>A type bound from the query string (the rest are the body, services, the user and the cancellation token).</summary>
    private static bool IsSimple(Type type) => type.IsPrimitive || type == typeof(string) || type == typeof(Guid) || type == typeof(DateTime);

    [Fact]
    public async Task Every_API_endpoint_is_documented_with_its_summary_the_bearer_token_and_its_problems()
    {
        var browser = await SignedInAsync();

        var document = await (await browser.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

        var endpoints = TokenEndpoints();
        Assert.True(endpoints.Count >= 30, $"Only {endpoints.Count} token endpoints were found.");
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiToken");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        Assert.All(endpoints, endpoint =>
        {
            Assert.True(paths.TryGetProperty(endpoint.Path, out var path), $"{endpoint.Path} is not in the document.");
            Assert.True(path.TryGetProperty(endpoint.Method, out var operation), $"{endpoint.Method} {endpoint.Path} is not in the document.");
            var where = $"{endpoint.Method} {endpoint.Path}";
            Assert.True(operation.TryGetProperty("summary", out _), $"{where} has no summary.");
            var security = Assert.Single(operation.GetProperty("security").EnumerateArray());
            Assert.True(security.TryGetProperty("ApiToken", out _), $"{where} does not name the ApiToken scheme.");
            if (operation.TryGetProperty("requestBody", out var body) && body.GetProperty("content").TryGetProperty("application/json", out var json))
            {
                Assert.True(json.TryGetProperty("example", out _), $"{where} has no request example.");
            }

            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "401", "403" }.Concat(endpoint.TakesInput ? ["400"] : []))
            {
                Assert.True(responses.TryGetProperty(status, out var response), $"{where} documents no {status}.");
                Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{where}'s {status} is not problem details.");
            }
        });
    }

    [Fact]
    public async Task Creating_an_integration_is_documented_with_an_example_and_the_auth_methods_by_name()
    {
        var browser = await SignedInAsync();

        var document = await (await browser.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

        var body = document.GetProperty("paths").GetProperty("/api/integrations").GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json");
        Assert.Equal("AwsAccessKey", body.GetProperty("example").GetProperty("authMethod").GetString());
        Assert.Contains("AwsRole", document.GetRawText());
    }

    [Fact]
    public async Task The_reference_page_is_served_to_a_signed_in_user_and_not_to_anyone_else()
    {
        var browser = await SignedInAsync();
        using var anonymous = portal.CreateBrowserLikeClient();

        // Scalar serves its page at the folder's URL (the address typed without the slash is redirected there).
        var page = await browser.GetAsync("/api/reference/");
        var refused = await anonymous.GetAsync("/api/reference/");
        var document = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        // Its inline script runs under the portal's CSP by the nonce of this response.
        var html = await page.Content.ReadAsStringAsync();
        var nonce = Regex.Match(html, "<script[^>]* nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(nonce);
        // Its script is the portal's own ('self'), served beside the page.
        var script = Regex.Match(html, "<script[^>]* src=\"([^\"]+)\"").Groups[1].Value;
        var served = await browser.GetAsync(new Uri(new Uri("http://localhost/api/reference/"), script));
        Assert.True(served.IsSuccessStatusCode, $"{script}: {served.StatusCode}");
        Assert.Contains($"script-src 'self' 'nonce-{nonce}'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, document.StatusCode);
    }

    [Fact]
    public async Task Unknown_routes_wrong_methods_and_wrong_content_types_under_api_answer_problem_details()
    {
        var api = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

        await (await api.GetAsync("/api/integrations/not-a-guid")).ProblemAsync(HttpStatusCode.NotFound);
        await (await api.PatchAsync("/api/integrations", null)).ProblemAsync(HttpStatusCode.MethodNotAllowed);
        await (await api.PostAsync("/api/integrations", new StringContent("name=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
