namespace AdminPortal.Core.ApiTokens;

/// <summary>A token as its owner (or an Admin) sees it: everything but the secret.</summary>
public sealed record ApiTokenSummary(
    int Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    string? UserId,
    string? OwnerEmail,
    DateTime CreatedAtUtc,
    string CreatedBy,
    DateTime? ExpiresAtUtc,
    DateTime? LastUsedAtUtc,
    DateTime? RevokedAtUtc,
    string? RevokedBy)
{
    /// <summary>True while the token authenticates (not revoked, not expired at <paramref name="nowUtc"/>).</summary>
    public bool IsActive(DateTime nowUtc) => RevokedAtUtc is null && (ExpiresAtUtc is null || ExpiresAtUtc > nowUtc);
}
