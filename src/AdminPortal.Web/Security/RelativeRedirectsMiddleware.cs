namespace AdminPortal.Web.Security;

/// <summary>
/// Redirects back to the portal leave as paths: ASP.NET builds absolute ones from the request's Host header, which a
/// client chooses, so a forged Host would otherwise name its own site in the Location (cache poisoning, phishing links).
/// </summary>
public sealed class RelativeRedirectsMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            MakeRelative((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    internal static void MakeRelative(HttpContext context)
    {
        var response = context.Response;
        var location = response.Headers.Location.ToString();
        if (response.StatusCode is < 300 or >= 400 || location.Length == 0
            || !Uri.TryCreate(location, UriKind.Absolute, out var target)
            || target.Scheme != context.Request.Scheme
            || !string.Equals(target.Host, context.Request.Host.Host, StringComparison.OrdinalIgnoreCase))
        {
            // Relative already, or another site or scheme on purpose.
            return;
        }

        response.Headers.Location = target.PathAndQuery + target.Fragment;
    }
}
