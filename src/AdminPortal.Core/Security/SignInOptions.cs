namespace AdminPortal.Core.Security;

/// <summary>Password policy and lockout, validated at start.</summary>
public sealed class SignInPolicyOptions
{
    public const string Section = "SignIn";

    public int PasswordMinLength { get; set; } = 12;
    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int SessionHours { get; set; } = 8;
}
