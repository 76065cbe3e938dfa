namespace AdminPortal.Core.Security;

/// <summary>One thing the portal did about access: a sign-in, a failure, a lockout, a change to a user.</summary>
public sealed class SecurityEvent
{
    public long Id { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public SecurityEventKind Kind { get; set; }
    public string? ActorEmail { get; set; }
    public string? SubjectEmail { get; set; }
    public string? IpAddress { get; set; }
    public bool Success { get; set; }
    public string? Details { get; set; }
}

public enum SecurityEventKind
{
    SetupCompleted,
    SignIn,
    SignInFailed,
    LockedOut,
    SignOut,
    UserCreated,
    RoleChanged,
    UserDisabled,
    UserEnabled,
}
