namespace AdminPortal.Core.Users;

/// <summary>One user as the Users page lists it.</summary>
public sealed record UserSummary(
    string Id,
    string Email,
    string Role,
    bool IsDisabled,
    DateTimeOffset? LockedOutUntil,
    DateTime CreatedAtUtc,
    DateTime? LastSignInAtUtc);
