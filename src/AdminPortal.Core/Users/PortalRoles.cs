namespace AdminPortal.Core.Users;

/// <summary>The two roles of PRODUCT.md. Anyone without one of them sees nothing of the audit logs.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Auditor = "Auditor";

    /// <summary>Either role: everyone allowed to explore audit logs.</summary>
    public const string AdminOrAuditor = Admin + "," + Auditor;

    public static readonly IReadOnlyList<string> All = [Admin, Auditor];

    public static bool IsKnown(string? role) => role is Admin or Auditor;
}
