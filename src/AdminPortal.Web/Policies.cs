namespace AdminPortal.Web;

/// <summary>Named authorization policies used by pages and endpoints.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    public const string AuditLogs = "AuditLogs";
    public const string Ingestion = "Ingestion";

    /// <summary>The policy of an API endpoint: a token holding <paramref name="scope"/> (or admin).</summary>
    public static string ApiScope(string scope) => "api:" + scope;
}
