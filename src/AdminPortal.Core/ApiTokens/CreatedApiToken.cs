namespace AdminPortal.Core.ApiTokens;

/// <summary>A token just created. <see cref="Token"/> is the secret: shown this once, never stored.</summary>
public sealed record CreatedApiToken(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTime? ExpiresAtUtc, string Token);
