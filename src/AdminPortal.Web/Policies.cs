namespace AdminPortal.Web;

/// <summary>Named authorization policies used by pages and endpoints.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    public const string AuditLogs = "AuditLogs";

    /// <summary>The API policy of a scope (<see cref="Core.ApiTokens.ApiScopes"/>): an API token that holds it, or admin.</summary>
    public static string ApiScope(string scope) => "api:" + scope;
}
