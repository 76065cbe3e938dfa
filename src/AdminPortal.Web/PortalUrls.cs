using System.Globalization;

namespace AdminPortal.Web;

/// <summary>
/// The portal's routes, in one table (as the Aspire dashboard's DashboardUrls): pages link and navigate through it,
/// and Core gets its links through <see cref="PortalLinks"/>. Paths start at the site's root, as e-mails need them.
/// </summary>
public static class PortalUrls
{
    public const string Overview = "/";
    public const string AuditLogs = "/audit-logs";
    public const string AuditLogsCsv = "/audit-logs/export.csv";
    public const string Workbooks = "/workbooks";
    public const string Settings = "/admin/settings";

    /// <summary>General Settings where Sigma's documentation puts it (Administration &gt; Account &gt; General Settings); the same page as <see cref="Settings"/>.</summary>
    public const string GeneralSettings = "/admin/account/general-settings";
    public const string Users = "/admin/users";
    public const string ApiTokens = "/api-tokens";
    public const string CsvCollection = "/admin/csv-collection";
    public const string Ledger = "/admin/ledger";
    public const string MatchingPolicies = "/admin/ledger/policies";
    public const string SignIn = "/signin";
    public const string SignOut = "/signout";
    public const string Setup = "/setup";

    /// <summary>Sign-out's form POST (the cookie is cleared by the HTTP response, not the circuit).</summary>
    public const string AccountSignOut = "/account/signout";

    /// <summary>The REST API (API tokens), its OpenAPI document and its reference page.</summary>
    public const string Api = "/api";
    public const string OpenApiDocument = "/openapi/{documentName}.json";
    public const string ApiReference = "/api/reference";

    /// <summary>Where the API answers about what it just made (the Location of a 201 or 202).</summary>
    public static string ApiItem(string collection, object id) => string.Create(CultureInfo.InvariantCulture, $"{Api}/{collection}/{id}");

    /// <summary>The ingestion API: POST events with an API token holding audit:ingest (and <c>/csv</c> for Brainwave collection).</summary>
    public const string IngestionApi = "/api/audit-events";

    public const string Health = "/healthz";

    /// <summary>The value of General Settings' <c>tab</c> parameter that opens Audit Logging (the storage integrations).</summary>
    public const string AuditLoggingTab = "audit-logging";

    /// <summary>General Settings on its Audit Logging tab, where the storage integrations are.</summary>
    public const string IntegrationSettings = Settings + "?tab=" + AuditLoggingTab;

    /// <summary>The explorer on a saved workbook, optionally on one of its elements.</summary>
    public static string Workbook(int workbookId, int? elementId = null) => string.Create(CultureInfo.InvariantCulture,
        $"{AuditLogs}?workbook={workbookId}{(elementId is { } element ? $"&element={element}" : "")}");

    /// <summary>A workbook with its Schedule Exports modal open on one schedule's history.</summary>
    public static string ExportHistory(int workbookId, Guid scheduleId) =>
        string.Create(CultureInfo.InvariantCulture, $"{AuditLogs}?workbook={workbookId}&history={scheduleId:D}");

    /// <summary>The explorer with a view's query string (<c>ExplorerUrl.Format</c>), which starts with '?' or is empty.</summary>
    public static string AuditLogsView(string query) => AuditLogs + query;

    /// <summary>A ledger entity's page: an identity with her accounts, groups, history and events.</summary>
    public static string LedgerEntity(long entityId) => string.Create(CultureInfo.InvariantCulture, $"/ledger/{entityId}");

    /// <summary>The explorer on every event of a ledger entity (an identity across her accounts), over all time.</summary>
    public static string EntityEvents(long entityId) => string.Create(CultureInfo.InvariantCulture, $"{AuditLogs}?range=custom&identity={entityId}");

    /// <summary>Sign-in, coming back to <paramref name="returnUrl"/> (a local path) afterwards.</summary>
    public static string SignInReturningTo(string returnUrl) => SignIn + "?ReturnUrl=" + Uri.EscapeDataString(returnUrl);

    /// <summary>The status page for an HTTP status code (403, 404, 500 …).</summary>
    public static string Status(int code) => string.Create(CultureInfo.InvariantCulture, $"/status/{code}");
}
