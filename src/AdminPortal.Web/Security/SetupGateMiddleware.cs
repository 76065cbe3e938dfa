using AdminPortal.Core.Setup;

namespace AdminPortal.Web.Security;

/// <summary>Once a user exists, the setup page is gone: 404 for any method.</summary>
public sealed class SetupGateMiddleware(RequestDelegate next, FirstRunSetup setup)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/setup", StringComparison.OrdinalIgnoreCase)
            && !await setup.IsOpenAsync(context.RequestAborted))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await next(context);
    }
}
