using System.Security.Claims;

namespace AdminPortal.Core.Users;

public static class ActorNames
{
    /// <summary>
    /// The name a use case records for whoever acts (audit events, owners, created-by): the principal's name, or ""
    /// for one without, so a row's required column never gets null and the audit log shows it as anonymous.
    /// </summary>
    public static string ActorName(this ClaimsPrincipal actor) => actor.Identity?.Name ?? "";
}
