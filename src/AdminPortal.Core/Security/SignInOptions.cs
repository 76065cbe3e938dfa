namespace AdminPortal.Core.Security;

/// <summary>Password policy, lockout and sign-in throttling, validated at start.</summary>
public sealed class SignInPolicyOptions
{
    public const string Section = "SignIn";

    public int PasswordMinLength { get; set; } = 12;
    public int MaxFailedAttempts { get; set; } = 5;
    public int LockoutMinutes { get; set; } = 15;
    public int SessionHours { get; set; } = 8;

    /// <summary>
    /// Sign-in and setup form posts allowed from one client address (an IPv6 /64) per window, in front of the per-account
    /// lockout: one address can neither try passwords across many accounts nor lock many accounts out quickly.
    /// </summary>
    public int AttemptsPerAddress { get; set; } = 10;

    public int AttemptWindowSeconds { get; set; } = 60;
}
