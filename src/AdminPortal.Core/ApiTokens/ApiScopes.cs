namespace AdminPortal.Core.ApiTokens;

/// <summary>The scopes an API token can hold; <see cref="Admin"/> implies the others.</summary>
public static class ApiScopes
{
    public const string ClaimType = "scope";
    public const string AuditIngest = "audit:ingest";
    public const string AuditRead = "audit:read";
    public const string ExportsWrite = "exports:write";
    public const string Admin = "admin";
}
