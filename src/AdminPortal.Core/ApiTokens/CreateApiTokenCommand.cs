namespace AdminPortal.Core.ApiTokens;

/// <summary>A new token: its name, its scopes (<see cref="ApiScopes"/>) and when it expires (null: never).</summary>
public sealed record CreateApiTokenCommand(string? Name, IReadOnlyList<string>? Scopes, DateTime? ExpiresAtUtc);
