namespace AdminPortal.Core.Users;

/// <summary>What an Admin fills in to add a user.</summary>
public sealed class CreateUserCommand
{
    public string Email { get; set; } = "";
    public string Role { get; set; } = PortalRoles.Auditor;
    public string Password { get; set; } = "";
}
