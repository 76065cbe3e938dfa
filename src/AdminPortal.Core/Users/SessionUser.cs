namespace AdminPortal.Core.Users;

/// <summary>A signed-in user as the database holds it now.</summary>
public sealed record SessionUser(string Id, string? Email, IReadOnlyList<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role);
}
