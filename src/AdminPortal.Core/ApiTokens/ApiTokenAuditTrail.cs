using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Security;

namespace AdminPortal.Core.ApiTokens;

/// <summary>The audit events of token creation and revocation, in the acting user's name.</summary>
public sealed class ApiTokenAuditTrail(PortalAuditLog audit)
{
    public Task CreatedAsync(string actor, ApiToken token, string? ownerEmail, CancellationToken ct) =>
        audit.WriteAsync(new PortalAuditEntry(nameof(SecurityEventKind.ApiTokenCreated), "API token created", "create", "security",
            actor, true, AuditTargetType.Application, token.Name, Details: Describe(token, ownerEmail), NewValue: token.Scopes), ct);

    public Task RevokedAsync(string actor, ApiToken token, string? ownerEmail, CancellationToken ct) =>
        audit.WriteAsync(new PortalAuditEntry(nameof(SecurityEventKind.ApiTokenRevoked), "API token revoked", "revoke", "security",
            actor, true, AuditTargetType.Application, token.Name, Details: Describe(token, ownerEmail)), ct);

    private static string Describe(ApiToken token, string? ownerEmail) =>
        $"Token {token.Prefix}… of {ownerEmail ?? "no user"}, scopes {token.Scopes}, " +
        (token.ExpiresAtUtc is { } expires ? $"expires {expires:yyyy-MM-dd HH:mm} UTC" : "never expires");
}
