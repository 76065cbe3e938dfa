namespace AdminPortal.Web.Api;

/// <summary>
/// An /api/ request that no endpoint takes is answered 404, or 405 / 415 when the path exists for other methods / content types, before
/// authentication: otherwise the portal's fallback policy (signed in with the cookie) would answer a token-bearing
/// client 401 for a mistyped path. The status code pages then write the problem details.
/// </summary>
public sealed class UnmatchedApiRequests(RequestDelegate next)
{
    /// <summary>
    /// The display names of the endpoints routing picks when the path matches for other methods only, or for other
    /// content types only (ASP.NET's HttpMethodMatcherPolicy and AcceptsMatcherPolicy).
    /// </summary>
    private static readonly HashSet<string> RejectionEndpoints = ["405 HTTP Method Not Supported", "415 HTTP Unsupported Media Type"];

    public Task InvokeAsync(HttpContext context)
    {
        if (!WebServices.IsApiPath(context.Request.Path))
        {
            return next(context);
        }

        switch (context.GetEndpoint())
        {
            case null:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            case { DisplayName: { } name, RequestDelegate: { } reject } when RejectionEndpoints.Contains(name):
                return reject(context);
            default:
                return next(context);
        }
    }
}
