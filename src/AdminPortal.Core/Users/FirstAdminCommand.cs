namespace AdminPortal.Core.Users;

/// <summary>What the first-run setup page asks for.</summary>
public sealed class FirstAdminCommand
{
    public string SetupToken { get; set; } = "";
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}
