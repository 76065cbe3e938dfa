using System.Security.Claims;
using AdminPortal.Core.Users;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>Signed-in users as the use cases see them.</summary>
public static class Principals
{
    public static ClaimsPrincipal Admin(string email = PortalFactory.AdminEmail) => With(email, PortalRoles.Admin);

    public static ClaimsPrincipal Auditor(string email = "auditor@example.test") => With(email, PortalRoles.Auditor);

    private static ClaimsPrincipal With(string email, string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, role)], "test"));
}
