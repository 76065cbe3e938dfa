namespace AdminPortal.Core.Users;

/// <summary>A signed-in user as the database holds it now.</summary>
public sealed record SessionUser(string Id, string? Email, IReadOnlyList<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>The rule of what a user owns (workbooks, export schedules): its owner changes it, and so does any Admin.</summary>
    public bool MayChange(string ownerId) => IsInRole(PortalRoles.Admin) || ownerId == Id;
}
