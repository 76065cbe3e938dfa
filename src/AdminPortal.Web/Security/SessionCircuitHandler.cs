using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AdminPortal.Web.Security;

/// <summary>
/// Checks the circuit's session before each thing the browser asks of it (an event, a JS callback, a navigation): a page
/// left open in another tab after sign-out, disabling or a role change does nothing more, and goes to the sign-in page.
/// </summary>
public sealed class SessionCircuitHandler(
    AuthenticationStateProvider authentication,
    NavigationManager navigation,
    ILogger<SessionCircuitHandler> logger) : CircuitHandler
{
    private int redirected;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (authentication is not RevalidatingIdentityStateProvider session || await session.IsSessionCurrentAsync(CancellationToken.None))
            {
                await next(context);
                return;
            }

            // The activity is dropped, not run; the page is sent to sign in once (a reload checks the cookie, which is dead too).
            if (Interlocked.Exchange(ref redirected, 1) == 0)
            {
                logger.LogInformation("Circuit {CircuitId}: the session ended; its actions are refused and the page goes to sign-in", context.Circuit.Id);
                var returnUrl = "/" + navigation.ToBaseRelativePath(navigation.Uri);
                navigation.NavigateTo(PortalUrls.SignInReturningTo(returnUrl), forceLoad: true, replace: true);
            }
        };
}
