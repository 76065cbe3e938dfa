namespace AdminPortal.Core.ApiTokens;

/// <summary>
/// A credential for the HTTP API, acting as its user within its scopes. Only its SHA-256 is stored; the token itself is
/// shown once, when it is created.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }

    /// <summary>The user the token acts as. Null only for an ingestion token of an earlier release whose creator is gone.</summary>
    public string? UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, so that tokens can be told apart without the secret.</summary>
    public string Prefix { get; set; } = "";

    public byte[] Hash { get; set; } = [];

    /// <summary>The scopes, space-separated as OAuth writes them (<see cref="ApiScopes"/>).</summary>
    public string Scopes { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? ExpiresAtUtc { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedBy { get; set; }

    public IReadOnlyList<string> ScopeList => ApiScopes.Parse(Scopes);
}
