using AdminPortal.Core.ApiTokens;
using AdminPortal.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Api;

/// <summary>
/// Every endpoint under /api/ is opened by an API token holding a scope, and by nothing else (no cookie, so no CSRF);
/// the only exceptions are the read-only reference page and its document, for a signed-in user's browser.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiEndpointAuthorizationTests(ApiPortal portal)
{
    private static readonly string[] ScopePolicies = ApiScopes.All.Select(Policies.ApiScope).ToArray();

    private IReadOnlyList<RouteEndpoint> Endpoints() =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    private static IEnumerable<string> Methods(RouteEndpoint e) => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];

    [Fact]
    public void Every_api_endpoint_requires_a_scope_policy_of_the_token_scheme_except_the_cookie_read_reference()
    {
        var api = Endpoints().Where(e => Route(e).StartsWith("/api/", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(api.Count > 30, $"only {api.Count} /api/ endpoints found");

        var unguarded = api
            .Where(e => !Route(e).StartsWith("/api/reference", StringComparison.OrdinalIgnoreCase))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                        || !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => ScopePolicies.Contains(a.Policy)))
            .Select(e => $"{string.Join(",", Methods(e))} {Route(e)}")
            .ToList();

        Assert.Empty(unguarded);
    }

    [Fact]
    public void The_cookie_pages_under_api_and_the_document_only_read()
    {
        var cookiePages = Endpoints().Where(e => Route(e).StartsWith("/api/reference", StringComparison.OrdinalIgnoreCase)
                                                 || Route(e).StartsWith("/openapi/", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.NotEmpty(cookiePages);
        Assert.All(cookiePages, e => Assert.All(Methods(e), m => Assert.Contains(m, new[] { HttpMethods.Get, HttpMethods.Head })));
        // Scalar's own script and icon are anonymous (static vendor files); the page and the document are not.
        Assert.All(cookiePages.Where(e => !Route(e).EndsWith(".js", StringComparison.Ordinal) && !Route(e).EndsWith(".svg", StringComparison.Ordinal)), e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.NotEmpty(e.Metadata.GetOrderedMetadata<IAuthorizeData>());
        });
    }
}
