using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Antiforgery;

namespace AdminPortal.Web.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so no other site can sign a user out; it ends all the user's sessions.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(PortalUrls.AccountSignOut, async (
            HttpContext context,
            SignInManager<PortalUser> signIn,
            PortalAuditLog audit) =>
        {
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                return Results.BadRequest("The sign-out form has expired. Reload the page and sign out again.");
            }

            var email = context.User.Identity?.Name;
            // A new stamp ends every session of the user, not only this cookie: a copy of it, or a page open in another
            // tab, is refused from now on (UserSessions).
            if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            await audit.WriteAsync(SecurityEventKind.SignOut, true, email, email, context.Connection.RemoteIpAddress?.ToString(), null);
            return Results.LocalRedirect("/signin?signedOut=1");
        }).AllowAnonymous().WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }
}
