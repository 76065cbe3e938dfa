using AdminPortal.Core.Users;

namespace AdminPortal.Core.ApiTokens;

/// <summary>What an API token may do. <see cref="Admin"/> implies the others; a user's role bounds what its tokens may hold.</summary>
public static class ApiScopes
{
    public const string AuditIngest = "audit:ingest";
    public const string AuditRead = "audit:read";
    public const string ExportsWrite = "exports:write";
    public const string Admin = "admin";

    /// <summary>The claim type of a token principal's scopes, one claim per scope.</summary>
    public const string ClaimType = "scope";

    public static readonly IReadOnlyList<string> All = [AuditIngest, AuditRead, ExportsWrite, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope);

    /// <summary>Who may hold what: admin and audit:ingest only Admins; audit:read and exports:write Admins and Auditors.</summary>
    public static IReadOnlyList<string> AllowedFor(IEnumerable<string> roles)
    {
        var held = roles.ToList();
        if (held.Contains(PortalRoles.Admin))
        {
            return All;
        }

        return held.Contains(PortalRoles.Auditor) ? [AuditRead, ExportsWrite] : [];
    }

    /// <summary>True when <paramref name="held"/> grants <paramref name="scope"/> (admin grants every scope).</summary>
    public static bool Grants(IEnumerable<string> held, string scope) => held.Any(h => h == scope || h == Admin);

    /// <summary>The scopes of the stored, space-separated form.</summary>
    public static IReadOnlyList<string> Parse(string? scopes) =>
        (scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The stored form: known scopes in <see cref="All"/>'s order, each once.</summary>
    public static string Format(IEnumerable<string> scopes)
    {
        var set = scopes.ToHashSet(StringComparer.Ordinal);
        return string.Join(' ', All.Where(set.Contains));
    }
}
